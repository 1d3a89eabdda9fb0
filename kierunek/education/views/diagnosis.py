"""Pages of the diagnosis of training needs: the Metropolis sends the year's survey and reads its
results per gmina and topic (also as CSV and XLSX); directors, teachers and gmina staff answer it;
the centre reads the gap map (a table and a map) and keeps its yearly plan against what was
delivered."""

from __future__ import annotations

import math

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.audit import audit_record
from kierunek.core.exports import CSV_TYPE, XLSX_TYPE
from kierunek.core.pages import REFUSALS_AND_DENIALS, submit
from kierunek.core.permissions import role_required
from kierunek.geo.map import drawing
from kierunek.surveys import selectors as survey_selectors
from kierunek.surveys.audit_actions import RESULTS_EXPORTED
from kierunek.surveys.exports import results_csv, results_xlsx
from kierunek.surveys.services.surveys import has_answered

from .. import domain_diagnosis as dd
from .. import selectors_diagnosis as sel
from ..forms_diagnosis import AssessmentForm, DeliveryForm, NeedsForm, PlanLineForm
from ..models_diagnosis import CoursePlan, NeedsAssessment, NeedTopic
from ..selectors import metropolis_main
from ..services import diagnosis as services

METROPOLIS = Role.METROPOLIS_STAFF
CENTRE = Role.TRAINING_CENTRE_STAFF
READERS = (METROPOLIS, CENTRE, Role.GMINA_STAFF)


def _assessment(assessment_id: int) -> NeedsAssessment:
    return get_object_or_404(NeedsAssessment.objects.select_related("survey", "metropolis"), pk=assessment_id)


@role_required(METROPOLIS, CENTRE)
def overview(request: HttpRequest) -> HttpResponse:
    """The years' diagnoses; the Metropolis sends the next one from here."""
    metropolis = metropolis_main()
    form = AssessmentForm(request.POST or None) if request.user.role == METROPOLIS else None  # type: ignore[union-attr]
    if form is not None and metropolis is not None:
        done = submit(
            request,
            form,
            lambda data: services.needs_assessment_open(
                actor=actor_from_request(request),
                metropolis=metropolis,
                school_year=data["school_year"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                threshold=data["threshold"],
            ),
            success=_("The survey of training needs is sent to the schools and gminas."),
            done=lambda a: reverse("education:diagnosis_results", args=[a.pk]),
        )
        if done:
            return done
    rows = [(a, survey_selectors.respondents(a.survey)) for a in sel.assessments()]
    return render(request, "education/diagnosis/overview.html", {"rows": rows, "form": form})


@role_required(*READERS)
@require_GET
def results(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(assessment_id)
    whole = survey_selectors.results(assessment.survey)[0] if assessment.survey.responses.exists() else None
    return render(
        request,
        "education/diagnosis/results.html",
        {
            "assessment": assessment,
            "topics": NeedTopic.choices,
            "rows": sel.results_by_gmina(assessment),
            "whole": whole,
            "threshold": assessment.survey.threshold,
        },
    )


@role_required(*READERS)
@require_GET
def export(request: HttpRequest, assessment_id: int, fmt: str) -> HttpResponse:
    """The results per gmina (groups under the threshold show only that they are too small)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    assessment = _assessment(assessment_id)
    names = {g.teryt: g.name for g in sel.member_gminas(metropolis=assessment.metropolis)}
    groups = survey_selectors.results(assessment.survey, by="group", groups=list(names))
    groups = survey_selectors.results(assessment.survey) + groups

    def label(code: str) -> str:
        return names.get(code, code)

    audit_record(
        action=RESULTS_EXPORTED,
        actor=actor_from_request(request),
        obj=assessment.survey,
        details={"format": fmt},
    )
    stem = f"diagnoza-potrzeb-{assessment.school_year}"
    if fmt == "csv":
        response = HttpResponse(results_csv(groups, label=label), content_type=CSV_TYPE)
    else:
        response = HttpResponse(results_xlsx(groups, label=label), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _circles(gap_map: sel.GapMap) -> tuple[list[dict[str, object]], str]:
    """The map's symbols (a circle at each gmina's seat, its area by the unmet demand of the chosen
    topics) and the viewBox around the member gminas."""
    picture = drawing()
    unmet: dict[str, int] = {}
    hidden: set[str] = set()
    for row in gap_map.rows:
        if row.status == dd.HIDDEN:
            hidden.add(row.area)
        elif row.gap is not None and row.gap > 0:
            unmet[row.area] = unmet.get(row.area, 0) + row.gap
    circles = []
    xs, ys = [], []
    for gmina in gap_map.gminas:
        x, y = picture.point(lon=gmina.lon, lat=gmina.lat)
        xs.append(x)
        ys.append(y)
        area = gmina.teryt if gap_map.area == "gmina" else gmina.powiat.teryt
        value = unmet.get(area, 0)
        circles.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(3 + 2.5 * math.sqrt(value), 1),
                "name": gmina.name,
                "value": value,
                "hidden": area in hidden,
            }
        )
    if not xs:
        return circles, f"0 0 {picture.width:.0f} {picture.height:.0f}"
    pad = 30.0
    left, top = min(xs) - pad, min(ys) - pad
    return (
        circles,
        f"{left:.0f} {top:.0f} {max(xs) - min(xs) + 2 * pad:.0f} {max(ys) - min(ys) + 2 * pad:.0f}",
    )


@role_required(CENTRE, METROPOLIS)
@require_GET
def gaps(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Demand per topic and area against the places scheduled there: a table and a map."""
    assessment = _assessment(assessment_id)
    area = "powiat" if request.GET.get("obszar") == "powiat" else "gmina"
    topic = request.GET.get("temat", "")
    topic = topic if topic in NeedTopic.values else ""
    gap_map = sel.gap_map(assessment, area=area, topic=topic)
    circles, view_box = _circles(gap_map)
    labels = dict(NeedTopic.choices)
    rows = [(row, labels[row.topic], gap_map.names.get(row.area, row.area)) for row in gap_map.rows]
    unmet = [r for r in rows if r[0].status == dd.UNMET]
    unmet.sort(key=lambda r: -(r[0].gap or 0))
    return render(
        request,
        "education/diagnosis/gaps.html",
        {
            "assessment": assessment,
            "area": area,
            "topic": topic,
            "topics": NeedTopic.choices,
            "rows": rows,
            "unmet": unmet,
            "circles": circles,
            "view_box": view_box,
            "picture": drawing(),
            "threshold": assessment.survey.threshold,
        },
    )


@role_required(CENTRE, METROPOLIS)
def plan(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The centre's yearly plan per topic and gmina, and what was delivered."""
    assessment = _assessment(assessment_id)
    gminas = sel.member_gminas(metropolis=assessment.metropolis)
    is_centre = request.user.role == CENTRE  # type: ignore[union-attr]
    form = PlanLineForm(request.POST or None, gminas=gminas) if is_centre else None
    here = reverse("education:diagnosis_plan", args=[assessment.pk])
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.course_plan_save(
                actor=actor_from_request(request),
                assessment=assessment,
                topic=data["topic"],
                gmina=data["gmina"],
                planned_courses=data["planned_courses"],
                planned_places=data["planned_places"],
            ),
            success=_("The plan line is saved."),
            done=here,
        )
        if done:
            return done
    lines = sel.plan_of(assessment)
    labels = dict(NeedTopic.choices)
    return render(
        request,
        "education/diagnosis/plan.html",
        {
            "assessment": assessment,
            "lines": [
                (line, labels[line.topic], dd.PlanCheck(line.planned_courses, line.delivered_courses))
                for line in lines
            ],
            "totals": sel.plan_totals(lines),
            "form": form,
            "is_centre": is_centre,
        },
    )


@role_required(CENTRE)
def delivery(request: HttpRequest, assessment_id: int, line_id: int) -> HttpResponse:
    assessment = _assessment(assessment_id)
    line = get_object_or_404(CoursePlan.objects.select_related("gmina"), pk=line_id, assessment=assessment)
    form = DeliveryForm(
        request.POST or None,
        initial={"delivered_courses": line.delivered_courses, "delivered_places": line.delivered_places},
    )
    done = submit(
        request,
        form,
        lambda data: services.course_plan_record_delivery(
            actor=actor_from_request(request),
            line_id=line.pk,
            delivered_courses=data["delivered_courses"],
            delivered_places=data["delivered_places"],
        ),
        success=_("What was delivered is recorded."),
        done=reverse("education:diagnosis_plan", args=[assessment.pk]),
    )
    return done or render(
        request,
        "education/diagnosis/delivery.html",
        {"assessment": assessment, "line": line, "topic": dict(NeedTopic.choices)[line.topic], "form": form},
    )


@role_required(Role.SCHOOL_DIRECTOR, Role.TEACHER, Role.GMINA_STAFF)
def answer(request: HttpRequest) -> HttpResponse:
    """The open survey of training needs, for the person's gmina."""
    open_now = sel.open_assessments()
    assessment = open_now[0] if open_now else None
    respondent = sel.respondent_of(user=request.user)  # type: ignore[arg-type]
    answered = assessment is not None and has_answered(survey=assessment.survey, user=request.user)  # type: ignore[arg-type]
    form = NeedsForm(request.POST or None)
    if assessment is not None and respondent is not None and not answered:
        done = submit(
            request,
            form,
            lambda data: services.needs_answer(
                actor=actor_from_request(request),
                assessment=assessment,
                answer=services.NeedsAnswer(
                    topics=data["topics"],
                    forms=data["learning_forms"],
                    timing=data["timing"],
                    comment=data["comment"],
                ),
            ),
            success=_("Thank you: your answer is counted for your gmina, without your name."),
            done=reverse("education:needs_answer"),
            refusals=REFUSALS_AND_DENIALS,
        )
        if done:
            return done
    return render(
        request,
        "education/diagnosis/answer.html",
        {"assessment": assessment, "respondent": respondent, "answered": answered, "form": form},
    )
