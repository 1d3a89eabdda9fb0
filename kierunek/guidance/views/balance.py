"""The advisor's pages of a competence balance, stage by stage: each stage has a handler that fills
the page and saves its form; actions without a form (delete, mark a stage, sign or reopen the
plan) share one. Every read of the balance is audited in the selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import flash_refusal, form_saved
from kierunek.core.permissions import role_required

from .. import selectors
from ..domain import PLAN_EDITABLE, Stage
from ..forms import (
    AreaForm,
    ExperienceForm,
    PlanForm,
    PortfolioFileForm,
    PortfolioReferenceForm,
    ProfileForm,
    StarForm,
)
from ..models import STAGE_LABELS, CompetenceBalance
from ..services import balance as balance_services
from ..services import experiences as experience_services
from ..services import plan as plan_services
from ..services import portfolio as portfolio_services
from ..services import profile as profile_services
from .common import SLUG_STAGES, STAGE_SLUGS, pdf_response, with_labels
from .vocabulary import search_context

# Buttons post their command as "op" (not "action": that is a field of the STAR form).


def _item_id(request: HttpRequest) -> int | None:
    value = request.POST.get("item", "") or request.GET.get("edit", "")
    return int(value) if value.isdigit() else None


def _saved(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[dict[str, Any]], object], success: str
) -> bool:
    """A stage's save button: True when the form was valid and ``action`` saved it."""
    return form_saved(request, form, action, success=success)[0]


def _stage_biographical(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    item_id = _item_id(request)
    experiences = list(selectors.experiences_of(balance))
    editing = next((e for e in experiences if e.pk == item_id), None)
    form = ExperienceForm(
        request.POST if request.POST.get("op") == "save" else None,
        initial=ExperienceForm.initial_from(editing) if editing and request.method == "GET" else None,
    )
    if request.POST.get("op") == "save" and _saved(
        request,
        form,
        lambda data: experience_services.experience_save(
            balance_id=balance.pk,
            data=experience_services.ExperienceData(**data),
            actor=actor_from_request(request),
            experience_id=item_id,
        ),
        _("The experience is saved."),
    ):
        return True
    context.update(form=form, experiences=experiences, editing=editing)
    return False


def _stage_behavioural(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    item_id = _item_id(request)
    evidence = list(selectors.star_evidence_of(balance))
    experiences = list(selectors.experiences_of(balance))
    editing = next((e for e in evidence if e.pk == item_id), None)
    form = StarForm(
        request.POST if request.POST.get("op") == "save" else None,
        initial=StarForm.initial_from(editing) if editing and request.method == "GET" else None,
        experiences=experiences,
    )
    if request.POST.get("op") == "save" and _saved(
        request,
        form,
        lambda data: experience_services.star_evidence_save(
            balance_id=balance.pk,
            data=experience_services.StarData(
                situation=data["situation"],
                task=data["task"],
                action=data["action"],
                result=data["result"],
                competence_ids=data["competences"],
                experience_id=data["experience"],
            ),
            actor=actor_from_request(request),
            evidence_id=item_id,
        ),
        _("The STAR example is saved."),
    ):
        return True
    chosen_ids = request.POST.getlist("competences") if request.method == "POST" else []
    chosen = list(editing.competences.all()) if editing and request.method == "GET" else []
    context.update(
        form=form,
        evidence=evidence,
        editing=editing,
        search=search_context(
            request, field="competences", multiple=True, chosen=chosen, chosen_ids=chosen_ids
        ),
    )
    return False


def _stage_profile(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    stars = list(selectors.star_evidence_of(balance))
    form = ProfileForm(request.POST if request.POST.get("op") == "save" else None, stars=stars)
    if request.POST.get("op") == "save" and _saved(
        request,
        form,
        lambda data: profile_services.profile_competence_save(
            balance_id=balance.pk,
            data=profile_services.ProfileEntryData(
                competence_id=data["competence"],
                dimension=data["dimension"],
                level=data["level"],
                prk_level=data["prk_level"],
                evidence=data["evidence"],
                star_ids=data["star_evidence"],
            ),
            actor=actor_from_request(request),
        ),
        _("The competence is in the profile."),
    ):
        return True
    chosen_ids = [request.POST.get("competence", "")] if request.method == "POST" else []
    context.update(
        form=form,
        profile=selectors.profile_of(balance),
        search=search_context(request, field="competence", multiple=False, chosen=[], chosen_ids=chosen_ids),
    )
    return False


def _stage_portfolio(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    action = request.POST.get("op")
    file_form = PortfolioFileForm(request.POST if action == "save_file" else None, request.FILES or None)
    reference_form = PortfolioReferenceForm(
        request.POST if action == "save_reference" else None, prefix="ref"
    )
    if action == "save_file" and _saved(
        request,
        file_form,
        lambda data: portfolio_services.portfolio_file_add(
            balance_id=balance.pk,
            title=data["title"],
            description=data["description"],
            upload=data["file"],
            actor=actor_from_request(request),
        ),
        _("The document is in the portfolio."),
    ):
        return True
    if action == "save_reference" and _saved(
        request,
        reference_form,
        lambda data: portfolio_services.portfolio_reference_add(
            balance_id=balance.pk, actor=actor_from_request(request), **data
        ),
        _("The reference is in the portfolio."),
    ):
        return True
    context.update(
        file_form=file_form, reference_form=reference_form, portfolio=selectors.portfolio_of(balance)
    )
    return False


def _stage_plan(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    action, item_id = request.POST.get("op"), _item_id(request)
    plan = balance.plan
    areas = list(selectors.areas_of(plan))
    editing = next((a for a in areas if a.pk == item_id), None)
    plan_form = PlanForm(request.POST if action == "save_plan" else None, initial={"summary": plan.summary})
    initial_area = None
    if editing and request.method == "GET":
        initial_area = {
            "title": editing.title,
            "gap": editing.gap,
            "goals": editing.goals,
            "package_kind": editing.package_kind,
            "categories": [c.pk for c in editing.categories.all()],
            "qualification": editing.qualification.code if editing.qualification else "",
            "keywords": editing.keywords,
            "priority": editing.priority,
        }
    area_form = AreaForm(request.POST if action == "save_area" else None, initial=initial_area, prefix="area")
    if action == "save_plan" and _saved(
        request,
        plan_form,
        lambda data: plan_services.plan_update(
            balance_id=balance.pk,
            summary=data["summary"],
            target_occupation_id=data["target_occupation"],
            actor=actor_from_request(request),
        ),
        _("The plan is saved."),
    ):
        return True
    if action == "save_area" and _saved(
        request,
        area_form,
        lambda data: plan_services.area_save(
            balance_id=balance.pk,
            data=plan_services.AreaData(
                title=data["title"],
                gap=data["gap"],
                goals=data["goals"],
                package_kind=data["package_kind"],
                category_ids=data["categories"],
                keywords=data["keywords"],
                priority=data["priority"],
                qualification_code=data["qualification"],
            ),
            actor=actor_from_request(request),
            area_id=item_id,
        ),
        _("The development area is saved."),
    ):
        return True
    chosen = [plan.target_occupation] if plan.target_occupation else []
    context.update(
        plan_form=plan_form,
        area_form=area_form,
        areas=areas,
        editing=editing,
        occupation_search=search_context(
            request,
            field="target_occupation",
            multiple=False,
            chosen=chosen,
            chosen_ids=[],
            vocabulary="occupations",
        ),
    )
    return False


# Each handler fills the page's context and, on a POST of its form, saves; True when it saved.
STAGE_HANDLERS: dict[Stage, Callable[[HttpRequest, CompetenceBalance, dict[str, Any]], bool]] = {
    Stage.BIOGRAPHICAL: _stage_biographical,
    Stage.BEHAVIOURAL: _stage_behavioural,
    Stage.PROFILE: _stage_profile,
    Stage.PORTFOLIO: _stage_portfolio,
    Stage.PLAN: _stage_plan,
}
DELETERS = {
    Stage.BIOGRAPHICAL: lambda **kw: experience_services.experience_delete(
        experience_id=kw.pop("item_id"), **kw
    ),
    Stage.BEHAVIOURAL: lambda **kw: experience_services.star_evidence_delete(
        evidence_id=kw.pop("item_id"), **kw
    ),
    Stage.PROFILE: lambda **kw: profile_services.profile_competence_delete(entry_id=kw.pop("item_id"), **kw),
    Stage.PORTFOLIO: lambda **kw: portfolio_services.portfolio_item_delete(**kw),
    Stage.PLAN: lambda **kw: plan_services.area_delete(area_id=kw.pop("item_id"), **kw),
}


def _simple_action(request: HttpRequest, balance_id: int, stage: Stage) -> bool:
    """Actions without a form: delete an item, mark the stage, sign or reopen the plan. True
    when one was handled (the caller redirects)."""
    action = request.POST.get("op")
    common: dict[str, Any] = {"balance_id": balance_id, "actor": actor_from_request(request)}
    try:
        if action == "delete" and _item_id(request):
            DELETERS[stage](item_id=_item_id(request), **common)
            messages.success(request, _("Deleted."))
        elif action in {"complete", "reopen_stage"} and stage != Stage.PLAN:
            balance_services.balance_stage_mark(stage=stage, done=action == "complete", **common)
            messages.success(
                request,
                _("The stage is marked complete.") if action == "complete" else _("The stage is open again."),
            )
        elif action == "sign" and stage == Stage.PLAN:
            plan_services.plan_sign(**common)
            messages.success(request, _("The plan is signed. The participant has been told."))
        elif action == "reopen" and stage == Stage.PLAN:
            plan_services.plan_reopen(**common)
            messages.success(request, _("The plan is open for changes again."))
        else:
            return False
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        flash_refusal(request, error)
    return True


@role_required(Role.ADVISOR)
def balance_stage(request: HttpRequest, balance_id: int, stage_slug: str) -> HttpResponse:
    stage = SLUG_STAGES.get(stage_slug)
    if stage is None:
        raise Http404
    here = reverse("guidance:balance_stage", kwargs={"balance_id": balance_id, "stage_slug": stage_slug})
    if request.method == "POST" and _simple_action(request, balance_id, stage):
        return redirect(here)
    balance = selectors.balance_for_advisor(
        actor=actor_from_request(request), balance_id=balance_id, section=str(stage)
    )
    editable = balance.plan.status in PLAN_EDITABLE
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("The plan is signed. Reopen it to change the balance."))
    context: dict[str, Any] = {
        "balance": balance,
        "plan": balance.plan,
        "stage": stage,
        "stage_slug": stage_slug,
        "stage_label": STAGE_LABELS[stage],
        "stages": [(s, STAGE_SLUGS[s], STAGE_LABELS[s]) for s in Stage],
        "done": selectors.stages_done(balance),
        "editable": editable,
    }
    if STAGE_HANDLERS[stage](request, balance, context):
        return redirect(here)  # saved: back to the page (post/redirect/get)
    return render(
        request,
        f"guidance/advisor/stage_{stage}.html",
        with_labels(context),
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.ADVISOR)
def balance_pdf(request: HttpRequest, balance_id: int) -> HttpResponse:
    balance = selectors.balance_for_advisor(
        actor=actor_from_request(request), balance_id=balance_id, section="pdf"
    )
    return pdf_response(balance)
