"""The indicators' pages (decision 0023): a partner's activity record and its self-assessment;
the dashboard for the office (and the council's members, read-only); the office's rounds and their
results, the year's scoring rule and recognition list; the public recognition lists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, form_saved, submit
from kierunek.core.permissions import role_required

from .. import activity, selectors
from .. import selectors_indicators as indicators
from ..forms_indicators import ReopenForm, RoundForm, RuleForm, SelfAssessmentForm, YearForm
from ..models import Institution
from ..models_indicators import RecognitionList, SelfAssessmentRound
from ..services import indicators as services


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET)
    return int(form.cleaned_data["rok"]) if form.is_valid() else timezone.localdate().year


def _institution(request: HttpRequest) -> Institution:
    institution = selectors.institution_of_staff(user=request_user(request))
    if institution is None:
        raise Http404(_("Your account is not linked to an institution yet. Ask the programme office."))
    return institution


# --- partner staff -------------------------------------------------------------------------------------


@role_required(Role.PARTNER_STAFF)
def partner_activity(request: HttpRequest) -> HttpResponse:
    """The institution's activity record and each of its consultants', the self-assessments to
    answer or answered, and the institution's place on the year's published recognition list."""
    institution = _institution(request)
    year = _year(request)
    recognition = indicators.recognition_of(year=year)
    published = recognition if recognition is not None and recognition.status == "published" else None
    return render(
        request,
        "partnership/indicators/partner_activity.html",
        {
            "institution": institution,
            "year": year,
            "years": indicators.years_recorded(),
            "record": indicators.institution_record(institution=institution, year=year),
            "rounds": indicators.rounds_of_institution(institution=institution),
            "recognition": published,
            "institution_place": published
            and indicators.place_of(recognition=published, institution=institution),
            "my_place": published and indicators.place_of(recognition=published, user=request_user(request)),
            "today": timezone.localdate(),
            "reads_dashboard": indicators.may_read_dashboard(user=request_user(request)),
        },
    )


@role_required(Role.PARTNER_STAFF)
def partner_self_assessment(request: HttpRequest, round_id: int) -> HttpResponse:
    institution = _institution(request)
    rounds = dict(indicators.rounds_of_institution(institution=institution))
    survey = next((r for r in rounds if r.pk == round_id), None)
    if survey is None:
        raise Http404
    response = indicators.response_of(survey=survey, institution=institution)
    form = None
    if response is None and survey.is_open():
        form = SelfAssessmentForm(request.POST or None, survey=survey)
        done = submit(
            request,
            form,
            lambda data: services.self_assessment_answer(
                actor=actor_from_request(request),
                round_id=survey.pk,
                institution_id=institution.pk,
                answers=form.answers(),
            ),
            success=_("Thank you: your institution's self-assessment was recorded."),
            done=reverse("partnership:partner_self_assessment", args=[survey.pk]),
        )
        if done is not None:
            return done
    return render(
        request,
        "partnership/indicators/partner_self_assessment.html",
        {"institution": institution, "survey": survey, "response": response, "form": form},
    )


# --- the dashboard (the office; the council's members read it) -------------------------------------------


def _reader(request: HttpRequest) -> None:
    if not indicators.may_read_dashboard(user=request_user(request)):
        raise PermissionDenied(_("The partnership's dashboard is for the office and the council."))


@role_required(Role.OFFICER, Role.PARTNER_STAFF)
def dashboard(request: HttpRequest) -> HttpResponse:
    if not indicators.may_read_dashboard(user=request_user(request)):
        return redirect(
            "partnership:partner_activity"
        )  # a partner's own record, until they sit on the council
    year = _year(request)
    record = indicators.activity_record(year=year)
    return render(
        request,
        "partnership/indicators/dashboard.html",
        {
            "year": year,
            "years": indicators.years_recorded(),
            "record": record,
            "rounds": [indicators.round_results(survey=r) for r in indicators.rounds().filter(year=year)],
            "recognition": indicators.recognition_of(year=year),
            "is_officer": request_user(request).role == Role.OFFICER,
        },
    )


@role_required(Role.OFFICER, Role.PARTNER_STAFF)
def round_results(request: HttpRequest, round_id: int) -> HttpResponse:
    _reader(request)
    try:
        survey = indicators.round_for_officer(round_id=round_id)
    except SelfAssessmentRound.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "partnership/indicators/round_results.html",
        {"results": indicators.round_results(survey=survey)},
    )


# --- the office ---------------------------------------------------------------------------------------


@role_required(Role.OFFICER)
def office_rounds(request: HttpRequest) -> HttpResponse:
    """The rounds, and a new one (its questions start as the latest round's)."""
    latest = indicators.rounds().first()
    initial: dict[str, Any] = {"year": timezone.localdate().year}
    if latest is not None:
        initial["questions"] = "\n".join(q.text for q in latest.questions.all())
    form = RoundForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.self_assessment_round_open(
            actor=actor_from_request(request),
            partnership_id=data["partnership"].pk,
            year=data["year"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            questions=form.question_list(),
            introduction=data["introduction"],
        ),
        success=_("The self-assessment round is open to the member institutions."),
        done=reverse("partnership:office_rounds"),
    )
    return done or render(
        request, "partnership/indicators/office_rounds.html", {"rounds": indicators.rounds(), "form": form}
    )


def _recognition_page(request: HttpRequest, year: int, **forms: Any) -> HttpResponse:
    rule = indicators.rule_of(year=year)
    recognition = indicators.recognition_of(year=year)
    return render(
        request,
        "partnership/indicators/office_recognition.html",
        {
            "year": year,
            "years": indicators.years_recorded(),
            "rule": rule,
            "rule_form": forms.get("rule_form") or RuleForm(rule=rule),
            "reopen_form": ReopenForm(),
            "recognition": recognition,
            "institutions": recognition and indicators.institution_places(recognition=recognition),
            "people": recognition and indicators.person_places(recognition=recognition),
            "sources": activity.activity_sources(),
        },
    )


@role_required(Role.OFFICER)
def office_recognition(request: HttpRequest, year: int) -> HttpResponse:
    """The year's scoring rule (a form), the list computed from it, approving and taking back."""
    if not 2000 <= year <= 2100:
        raise Http404
    if request.method == "POST":
        form = RuleForm(request.POST, rule=indicators.rule_of(year=year))
        saved, _rule = form_saved(
            request,
            form,
            lambda data: services.recognition_rule_set(
                actor=actor_from_request(request),
                year=year,
                weights=form.weights(),
                rationale=data["rationale"],
                decided_by=data["decided_by"],
            ),
            success=_("The scoring rule was saved. Compute the list to apply it."),
        )
        if saved:
            return redirect("partnership:office_recognition", year=year)
        return _recognition_page(request, year, rule_form=form)
    return _recognition_page(request, year)


@role_required(Role.OFFICER)
@require_POST
def office_recognition_compute(request: HttpRequest, year: int) -> HttpResponse:
    return act(
        request,
        lambda: services.recognition_list_compute(actor=actor_from_request(request), year=year),
        success=_("The list was computed from the activity record. Check it, then approve it."),
        done=reverse("partnership:office_recognition", args=[year]),
    )


@role_required(Role.OFFICER)
@require_POST
def office_recognition_approve(request: HttpRequest, year: int) -> HttpResponse:
    here = reverse("partnership:office_recognition", args=[year])
    asked = confirm_first(
        request,
        question=_("Approve the recognition list of %(year)d?") % {"year": year},
        consequences=[_("The institutions' places are shown on the public page from now on.")],
        confirm_label=_("Approve and publish"),
        back=here,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.recognition_list_approve(actor=actor_from_request(request), year=year),
        success=_("The recognition list is approved and public."),
        done=here,
    )


@role_required(Role.OFFICER)
@require_POST
def office_recognition_reopen(request: HttpRequest, year: int) -> HttpResponse:
    here = reverse("partnership:office_recognition", args=[year])
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the list is taken back."))
        return redirect(here)
    return act(
        request,
        lambda: services.recognition_list_reopen(
            actor=actor_from_request(request), year=year, reason=form.cleaned_data["reason"]
        ),
        success=_("The list is a draft again and off the public page."),
        done=here,
    )


# --- public -------------------------------------------------------------------------------------------


def recognition_lists(request: HttpRequest) -> HttpResponse:
    return render(
        request, "partnership/indicators/recognition_lists.html", {"lists": indicators.published_lists()}
    )


def recognition_list(request: HttpRequest, year: int) -> HttpResponse:
    try:
        recognition = indicators.published_list(year=year)
    except RecognitionList.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "partnership/indicators/recognition_list.html",
        {
            "recognition": recognition,
            "places": indicators.institution_places(recognition=recognition),
            "sources": activity.activity_sources(),
        },
    )
