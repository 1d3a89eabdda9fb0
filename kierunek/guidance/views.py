"""Pages of career guidance: participants book meetings and read their plan; advisors keep a
calendar, see their participants and run the competence balance stage by stage. Thin: reads
through selectors (advisors' reads of a file are audited there), changes through services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kierunek.accounts.models import Role, User
from kierunek.core.forms import form_add_service_errors
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.programmes.selectors import participant_is_eligible

from . import selectors, services
from .documents import plan_pdf
from .domain import PlanStatus, Stage
from .forms import (
    AreaForm,
    ExperienceForm,
    FeedbackForm,
    PlanForm,
    PortfolioFileForm,
    PortfolioReferenceForm,
    ProfileForm,
    SlotFilterForm,
    SlotPublishForm,
    StarForm,
    week_start,
)
from .models import (
    DIMENSION_LABELS,
    EXPERIENCE_KIND_LABELS,
    LEVEL_LABELS,
    PACKAGE_KIND_LABELS,
    PLAN_STATUS_LABELS,
    PRIORITY_LABELS,
    SLOT_MODE_LABELS,
    STAGE_LABELS,
    CompetenceBalance,
    Occupation,
)
from .recommendations import recommendations_for

# URL slugs of the balance's stages (the pages are Polish first).
STAGE_SLUGS = {
    Stage.BIOGRAPHICAL: "wywiad-biograficzny",
    Stage.BEHAVIOURAL: "wywiad-behawioralny",
    Stage.PROFILE: "profil-kompetencji",
    Stage.PORTFOLIO: "portfolio",
    Stage.PLAN: "plan-rozwoju",
}
SLUG_STAGES = {slug: stage for stage, slug in STAGE_SLUGS.items()}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _error_message(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _labels(context: dict[str, Any]) -> dict[str, Any]:
    context.update(
        slot_mode_labels=SLOT_MODE_LABELS,
        plan_status_labels=PLAN_STATUS_LABELS,
        package_labels=PACKAGE_KIND_LABELS,
        priority_labels=PRIORITY_LABELS,
        dimension_labels=DIMENSION_LABELS,
        level_labels=LEVEL_LABELS,
        experience_labels=EXPERIENCE_KIND_LABELS,
    )
    return context


# --- participants ----------------------------------------------------------------------------


@role_required(Role.PARTICIPANT)
def participant_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    balance = selectors.own_balance(participant=user)
    return render(
        request,
        "guidance/participant/home.html",
        _labels(
            {
                "eligible": participant_is_eligible(user=user),
                "appointment": selectors.future_appointment(participant=user),
                "history": selectors.appointments_of(participant=user)[:10],
                "balance": balance,
                "plan": balance.plan if balance else None,
            }
        ),
    )


@role_required(Role.PARTICIPANT)
def slots(request: HttpRequest) -> HttpResponse:
    """Free slots to book, or to move the booked meeting to."""
    user = _user(request)
    form = SlotFilterForm(request.GET or None)
    centre_id, mode = None, ""
    if form.is_valid():
        centre_id = form.cleaned_data["centre"].pk if form.cleaned_data["centre"] else None
        mode = form.cleaned_data["mode"]
    return render(
        request,
        "guidance/participant/slots.html",
        _labels(
            {
                "form": form,
                "eligible": participant_is_eligible(user=user),
                "appointment": selectors.future_appointment(participant=user),
                "slots": selectors.open_slots(centre_id=centre_id, mode=mode)[:100],
            }
        ),
    )


@role_required(Role.PARTICIPANT)
@require_POST
def book(request: HttpRequest, slot_id: int) -> HttpResponse:
    try:
        services.appointment_book(slot_id=slot_id, participant=_user(request), request=request)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
        return redirect("guidance:slots")
    messages.success(request, _("Your meeting is booked. We have sent you an e-mail with the details."))
    return redirect("guidance:participant_home")


@role_required(Role.PARTICIPANT)
@require_POST
def move(request: HttpRequest, appointment_id: int) -> HttpResponse:
    slot_id = request.POST.get("slot", "")
    if not slot_id.isdigit():
        messages.error(request, _("Choose the new time."))
        return redirect("guidance:slots")
    try:
        services.appointment_move(
            appointment_id=appointment_id,
            new_slot_id=int(slot_id),
            participant=_user(request),
            request=request,
        )
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
        return redirect("guidance:slots")
    messages.success(request, _("Your meeting has been moved."))
    return redirect("guidance:participant_home")


@role_required(Role.PARTICIPANT)
@require_POST
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    try:
        services.appointment_cancel(appointment_id=appointment_id, actor=_user(request), request=request)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Your meeting is cancelled."))
    return redirect("guidance:participant_home")


def _own_signed_plan(request: HttpRequest) -> CompetenceBalance | None:
    balance = selectors.own_balance(participant=_user(request))
    if balance is None or balance.plan.status == PlanStatus.DRAFT:
        return None
    return balance


@role_required(Role.PARTICIPANT)
def my_plan(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    feedback_form = FeedbackForm(initial={"feedback": balance.plan.feedback} if balance else None)
    return render(
        request, "guidance/participant/plan.html", _plan_context(balance, feedback_form=feedback_form)
    )


def _plan_context(balance: CompetenceBalance | None, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"balance": balance, **extra}
    if balance is not None:
        context.update(
            plan=balance.plan,
            areas=selectors.areas_of(balance.plan),
            profile=selectors.profile_of(balance),
            portfolio=selectors.portfolio_of(balance),
        )
    return _labels(context)


@role_required(Role.PARTICIPANT)
@require_POST
def plan_acknowledge(request: HttpRequest) -> HttpResponse:
    try:
        services.plan_acknowledge(participant=_user(request), request=request)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("Thank you. You have acknowledged your development plan."))
    return redirect("guidance:my_plan")


@role_required(Role.PARTICIPANT)
@require_POST
def plan_feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.plan_feedback(
                participant=_user(request), text=form.cleaned_data["feedback"], request=request
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your feedback has been sent to your advisor."))
            return redirect("guidance:my_plan")
    balance = _own_signed_plan(request)
    return render(
        request, "guidance/participant/plan.html", _plan_context(balance, feedback_form=form), status=400
    )


def _pdf_response(balance: CompetenceBalance) -> HttpResponse:
    name = slugify(balance.participant.get_full_name()) or str(balance.participant_id)
    response = HttpResponse(plan_pdf(balance=balance), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-rozwoju-{name}.pdf"'
    return response


@role_required(Role.PARTICIPANT)
def my_plan_pdf(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    if balance is None:
        raise Http404(_("Your plan is not signed yet."))
    return _pdf_response(balance)


@role_required(Role.PARTICIPANT)
def recommendations(request: HttpRequest) -> HttpResponse:
    balance = _own_signed_plan(request)
    return render(
        request,
        "guidance/participant/recommendations.html",
        _labels(
            {
                "balance": balance,
                "results": recommendations_for(participant=_user(request)) if balance else [],
            }
        ),
    )


@role_required(Role.PARTICIPANT, Role.ADVISOR)
def portfolio_file(request: HttpRequest, item_id: int) -> FileResponse:
    """A document of the portfolio, to its participant and to their advisor (audited)."""
    item = selectors.portfolio_item_for(user=_user(request), item_id=item_id, request=request)
    if not item.file:
        raise Http404
    extension = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}[item.file_kind]
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"portfolio-{item.pk}.{extension}",
        content_type={"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}[item.file_kind],
    )


# --- advisors: calendar and participants -----------------------------------------------------


def _week(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("tydzien", ""))
    except ValueError:
        return timezone.localdate()


@role_required(Role.ADVISOR)
def calendar(request: HttpRequest) -> HttpResponse:
    """The advisor's week: slots and bookings by day, and the form that publishes slots."""
    advisor = _user(request)
    start = week_start(_week(request))
    form = SlotPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            published = services.slots_publish(
                advisor=advisor,
                starts_at=form.starts_at(),
                minutes=form.cleaned_data["minutes"],
                count=form.cleaned_data["count"],
                mode=form.cleaned_data["mode"],
                centre=form.cleaned_data["centre"],
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Published %(count)d slot(s).") % {"count": len(published)})
            day = timezone.localtime(published[0].starts_at).date()
            return redirect(f"{reverse('guidance:calendar')}?tydzien={day.isoformat()}")
    days: list[tuple[date, list[Any]]] = [((start + timedelta(days=n)).date(), []) for n in range(7)]
    week = list(selectors.advisor_calendar(advisor=advisor, start=start, end=start + timedelta(days=7)))
    for slot in week:
        days[timezone.localtime(slot.starts_at).weekday()][1].append(slot)
    participants_list_read(
        actor=advisor,
        request=request,
        participant_ids=[a.participant_id for slot in week for a in getattr(slot, "booked", [])],
        list_name="guidance.advisor_calendar",
    )
    return render(
        request,
        "guidance/advisor/calendar.html",
        _labels(
            {
                "form": form,
                "days": days,
                "week_start": start.date(),
                "previous_week": (start - timedelta(days=7)).date(),
                "next_week": (start + timedelta(days=7)).date(),
                "now": timezone.now(),
            }
        ),
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.ADVISOR)
@require_POST
def slot_withdraw(request: HttpRequest, slot_id: int) -> HttpResponse:
    try:
        slot = services.slot_withdraw(slot_id=slot_id, advisor=_user(request), request=request)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
        return redirect("guidance:calendar")
    messages.success(request, _("The slot has been withdrawn."))
    day = timezone.localtime(slot.starts_at).date()
    return redirect(f"{reverse('guidance:calendar')}?tydzien={day.isoformat()}")


@role_required(Role.ADVISOR)
@require_POST
def advisor_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    try:
        services.appointment_cancel(appointment_id=appointment_id, actor=_user(request), request=request)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("The meeting is cancelled and the participant has been told."))
    return redirect("guidance:calendar")


@role_required(Role.ADVISOR)
def participants(request: HttpRequest) -> HttpResponse:
    rows = selectors.advisor_participants(advisor=_user(request))
    participants_list_read(
        actor=_user(request),
        request=request,
        participant_ids=[row.participant.pk for row in rows],
        list_name="guidance.advisor_participants",
    )
    return render(
        request,
        "guidance/advisor/participants.html",
        _labels({"rows": rows, "stage_slugs": STAGE_SLUGS}),
    )


@role_required(Role.ADVISOR)
def participant_file(request: HttpRequest, participant_id: int) -> HttpResponse:
    advisor = _user(request)
    participant = selectors.participant_file_for_advisor(
        advisor=advisor, participant_id=participant_id, request=request, section="overview"
    )
    balance = (
        CompetenceBalance.objects.filter(participant=participant).select_related("plan", "advisor").first()
    )
    appointments = selectors.appointments_of(participant=participant).filter(slot__advisor=advisor)
    return render(
        request,
        "guidance/advisor/participant.html",
        _labels(
            {
                "participant": participant,
                "balance": balance,
                "appointments": appointments,
                "first_stage_slug": STAGE_SLUGS[Stage.BIOGRAPHICAL],
            }
        ),
    )


@role_required(Role.ADVISOR)
@require_POST
def balance_start(request: HttpRequest, participant_id: int) -> HttpResponse:
    try:
        balance = services.balance_start(
            participant_id=participant_id, advisor=_user(request), request=request
        )
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
        return redirect("guidance:participant_file", participant_id=participant_id)
    messages.success(request, _("The competence balance has started."))
    return redirect(
        "guidance:balance_stage", balance_id=balance.pk, stage_slug=STAGE_SLUGS[Stage.BIOGRAPHICAL]
    )


# --- advisors: the balance, stage by stage ---------------------------------------------------


# Buttons post their command as "op" (not "action": that is a field of the STAR form).


def _item_id(request: HttpRequest) -> int | None:
    value = request.POST.get("item", "") or request.GET.get("edit", "")
    return int(value) if value.isdigit() else None


def _stage_biographical(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    advisor, item_id = _user(request), _item_id(request)
    experiences = list(selectors.experiences_of(balance))
    editing = next((e for e in experiences if e.pk == item_id), None)
    form = ExperienceForm(
        request.POST if request.POST.get("op") == "save" else None,
        initial=ExperienceForm.initial_from(editing) if editing and request.method == "GET" else None,
    )
    if request.POST.get("op") == "save" and form.is_valid():
        try:
            services.experience_save(
                balance_id=balance.pk,
                data=services.ExperienceData(**form.cleaned_data),
                advisor=advisor,
                experience_id=item_id,
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The experience is saved."))
            return True
    context.update(form=form, experiences=experiences, editing=editing)
    return False


def _stage_behavioural(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    advisor, item_id = _user(request), _item_id(request)
    evidence = list(selectors.star_evidence_of(balance))
    experiences = list(selectors.experiences_of(balance))
    editing = next((e for e in evidence if e.pk == item_id), None)
    form = StarForm(
        request.POST if request.POST.get("op") == "save" else None,
        initial=StarForm.initial_from(editing) if editing and request.method == "GET" else None,
        experiences=experiences,
    )
    if request.POST.get("op") == "save" and form.is_valid():
        data = form.cleaned_data
        try:
            services.star_evidence_save(
                balance_id=balance.pk,
                data=services.StarData(
                    situation=data["situation"],
                    task=data["task"],
                    action=data["action"],
                    result=data["result"],
                    competence_ids=data["competences"],
                    experience_id=data["experience"],
                ),
                advisor=advisor,
                evidence_id=item_id,
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The STAR example is saved."))
            return True
    chosen_ids = request.POST.getlist("competences") if request.method == "POST" else []
    chosen = list(editing.competences.all()) if editing and request.method == "GET" else []
    context.update(
        form=form,
        evidence=evidence,
        editing=editing,
        search=_search_context(
            request, field="competences", multiple=True, chosen=chosen, chosen_ids=chosen_ids
        ),
    )
    return False


def _stage_profile(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    advisor = _user(request)
    stars = list(selectors.star_evidence_of(balance))
    form = ProfileForm(request.POST if request.POST.get("op") == "save" else None, stars=stars)
    if request.POST.get("op") == "save" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_competence_save(
                balance_id=balance.pk,
                data=services.ProfileEntryData(
                    competence_id=data["competence"],
                    dimension=data["dimension"],
                    level=data["level"],
                    prk_level=data["prk_level"],
                    evidence=data["evidence"],
                    star_ids=data["star_evidence"],
                ),
                advisor=advisor,
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The competence is in the profile."))
            return True
    chosen_ids = [request.POST.get("competence", "")] if request.method == "POST" else []
    context.update(
        form=form,
        profile=selectors.profile_of(balance),
        search=_search_context(request, field="competence", multiple=False, chosen=[], chosen_ids=chosen_ids),
    )
    return False


def _stage_portfolio(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    advisor, action = _user(request), request.POST.get("op")
    file_form = PortfolioFileForm(request.POST if action == "save_file" else None, request.FILES or None)
    reference_form = PortfolioReferenceForm(
        request.POST if action == "save_reference" else None, prefix="ref"
    )
    try:
        if action == "save_file" and file_form.is_valid():
            data = file_form.cleaned_data
            services.portfolio_file_add(
                balance_id=balance.pk,
                title=data["title"],
                description=data["description"],
                upload=data["file"],
                advisor=advisor,
                request=request,
            )
            messages.success(request, _("The document is in the portfolio."))
            return True
        if action == "save_reference" and reference_form.is_valid():
            services.portfolio_reference_add(
                balance_id=balance.pk, advisor=advisor, request=request, **reference_form.cleaned_data
            )
            messages.success(request, _("The reference is in the portfolio."))
            return True
    except ValidationError as error:
        form_add_service_errors(file_form if action == "save_file" else reference_form, error)
    context.update(
        file_form=file_form, reference_form=reference_form, portfolio=selectors.portfolio_of(balance)
    )
    return False


def _stage_plan(request: HttpRequest, balance: CompetenceBalance, context: dict[str, Any]) -> bool:
    advisor, action, item_id = _user(request), request.POST.get("op"), _item_id(request)
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
            "market_qualification": editing.market_qualification,
            "keywords": editing.keywords,
            "priority": editing.priority,
        }
    area_form = AreaForm(request.POST if action == "save_area" else None, initial=initial_area, prefix="area")
    try:
        if action == "save_plan" and plan_form.is_valid():
            services.plan_update(
                balance_id=balance.pk,
                summary=plan_form.cleaned_data["summary"],
                target_occupation_id=plan_form.cleaned_data["target_occupation"],
                advisor=advisor,
                request=request,
            )
            messages.success(request, _("The plan is saved."))
            return True
        if action == "save_area" and area_form.is_valid():
            data = area_form.cleaned_data
            services.area_save(
                balance_id=balance.pk,
                data=services.AreaData(
                    title=data["title"],
                    gap=data["gap"],
                    goals=data["goals"],
                    package_kind=data["package_kind"],
                    category_ids=data["categories"],
                    market_qualification=data["market_qualification"],
                    keywords=data["keywords"],
                    priority=data["priority"],
                ),
                advisor=advisor,
                area_id=item_id,
                request=request,
            )
            messages.success(request, _("The development area is saved."))
            return True
    except ValidationError as error:
        form_add_service_errors(plan_form if action == "save_plan" else area_form, error)
    chosen = [plan.target_occupation] if plan.target_occupation else []
    context.update(
        plan_form=plan_form,
        area_form=area_form,
        areas=areas,
        editing=editing,
        occupation_search=_search_context(
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
    Stage.BIOGRAPHICAL: lambda **kw: services.experience_delete(experience_id=kw.pop("item_id"), **kw),
    Stage.BEHAVIOURAL: lambda **kw: services.star_evidence_delete(evidence_id=kw.pop("item_id"), **kw),
    Stage.PROFILE: lambda **kw: services.profile_competence_delete(entry_id=kw.pop("item_id"), **kw),
    Stage.PORTFOLIO: lambda **kw: services.portfolio_item_delete(**kw),
    Stage.PLAN: lambda **kw: services.area_delete(area_id=kw.pop("item_id"), **kw),
}


def _simple_action(request: HttpRequest, balance_id: int, stage: Stage) -> bool:
    """Actions without a form: delete an item, mark the stage, sign or reopen the plan. True
    when one was handled (the caller redirects)."""
    advisor, action = _user(request), request.POST.get("op")
    common: dict[str, Any] = {"balance_id": balance_id, "advisor": advisor, "request": request}
    try:
        if action == "delete" and _item_id(request):
            DELETERS[stage](item_id=_item_id(request), **common)
            messages.success(request, _("Deleted."))
        elif action in {"complete", "reopen_stage"} and stage != Stage.PLAN:
            services.balance_stage_mark(stage=stage, done=action == "complete", **common)
            messages.success(
                request,
                _("The stage is marked complete.") if action == "complete" else _("The stage is open again."),
            )
        elif action == "sign" and stage == Stage.PLAN:
            services.plan_sign(**common)
            messages.success(request, _("The plan is signed. The participant has been told."))
        elif action == "reopen" and stage == Stage.PLAN:
            services.plan_reopen(**common)
            messages.success(request, _("The plan is open for changes again."))
        else:
            return False
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        _error_message(request, error)
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
        advisor=_user(request), balance_id=balance_id, request=request, section=str(stage)
    )
    editable = balance.plan.status == PlanStatus.DRAFT
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
        _labels(context),
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.ADVISOR)
def balance_pdf(request: HttpRequest, balance_id: int) -> HttpResponse:
    balance = selectors.balance_for_advisor(
        advisor=_user(request), balance_id=balance_id, request=request, section="pdf"
    )
    return _pdf_response(balance)


# --- the vocabulary search (HTMX partials; a plain GET form without JavaScript) ---------------


def _search_context(
    request: HttpRequest,
    *,
    field: str,
    multiple: bool,
    chosen: list[Any],
    chosen_ids: list[str],
    vocabulary: str = "competences",
) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()[:100]
    collection = request.GET.get("zbior", "")
    model_search = selectors.occupation_search if vocabulary == "occupations" else selectors.competence_search
    ids = [int(value) for value in chosen_ids if str(value).isdigit()]
    if ids:
        model = Occupation if vocabulary == "occupations" else selectors.Competence
        chosen = chosen + [entry for entry in model.objects.filter(pk__in=ids) if entry not in chosen]
    found = model_search(q=q, collection=collection) if vocabulary == "competences" else model_search(q=q)  # type: ignore[call-arg]
    chosen_pks = {entry.pk for entry in chosen}
    return {
        "q": q,
        "collection": collection,
        "field": field,
        "multiple": multiple,
        "chosen": chosen,
        "results": [entry for entry in found if entry.pk not in chosen_pks],
        "vocabulary": vocabulary,
        "searched": len(q) >= 2,
    }


@role_required(Role.ADVISOR)
@require_GET
def vocabulary_search(request: HttpRequest, vocabulary: str) -> HttpResponse:
    """The results of a vocabulary search as a partial: radio buttons or checkboxes named
    ``pole`` (the field of the form the results go into). Chosen entries (``wybrane``) stay."""
    if vocabulary not in {"competences", "occupations"}:
        raise Http404
    field = request.GET.get("pole", "competences")
    if field not in {"competences", "competence", "target_occupation"}:
        raise Http404
    context = _search_context(
        request,
        field=field,
        multiple=field == "competences",
        chosen=[],
        chosen_ids=request.GET.getlist(field),
        vocabulary=vocabulary,
    )
    return render(request, "guidance/advisor/_vocabulary_results.html", {"search": context})
