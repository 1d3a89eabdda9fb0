"""The jury's pages (officers and partner staff appointed to an edition): the gminas to score;
for each, the report and its evidence, the declaration of conflict of interest first, then the
points by the edition's criteria."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from .. import selectors, services
from ..forms import DeclarationForm, ScoreForm
from ..models import ContestApplication, Evidence, Juror
from ..workflows import JUROR_ROLES


def _scoring(request: HttpRequest, application_id: int) -> tuple[ContestApplication, Juror]:
    try:
        return selectors.juror_application(application_id=application_id, user=request_user(request))
    except ContestApplication.DoesNotExist:
        raise Http404 from None


def _page(application_id: int) -> str:
    return reverse("initiatives:jury_application", args=[application_id])


@role_required(*JUROR_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    seats = [
        {"juror": seat, "rows": selectors.applications_to_score(seat)}
        for seat in selectors.juror_seats(user=request_user(request))
    ]
    return render(request, "initiatives/jury_home.html", {"seats": seats})


@role_required(*JUROR_ROLES)
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    shown, juror = _scoring(request, application_id)
    declaration = juror.declarations.filter(application=shown).first()
    criteria = list(shown.edition.criteria.all())
    given = dict(juror.scores.filter(application=shown).values_list("criterion_id", "points"))
    declaration_form = DeclarationForm(
        request.POST or None if declaration is None else None, prefix="declaration"
    )
    score_form = ScoreForm(
        request.POST or None if declaration is not None else None,
        prefix="score",
        criteria=criteria,
        initial_points=given,
    )
    if request.method == "POST":
        if declaration is None:
            done = submit(
                request,
                declaration_form,
                lambda data: services.conflict_declare(
                    actor=actor_from_request(request),
                    application_id=shown.pk,
                    has_conflict=data["has_conflict"],
                    statement=data["statement"],
                ),
                success=_("Your declaration is recorded."),
                done=_page(shown.pk),
            )
        else:
            done = submit(
                request,
                score_form,
                lambda data: services.scores_save(
                    actor=actor_from_request(request), application_id=shown.pk, points=score_form.points()
                ),
                success=_("Your points are saved."),
                done=_page(shown.pk),
            )
        if done:
            return done
    return render(
        request,
        "initiatives/jury_application.html",
        {
            "application": shown,
            "declaration": declaration,
            "declaration_form": declaration_form,
            "score_form": score_form,
            "evidence": list(shown.evidence.all()),
            "scored": bool(given),
        },
    )


@role_required(*JUROR_ROLES)
def evidence_file(request: HttpRequest, application_id: int, evidence_id: int) -> HttpResponseBase:
    shown, _juror = _scoring(request, application_id)
    try:
        item = shown.evidence.get(pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None
    return upload_response(
        item.file, item.file_kind, filename=upload_name(f"dowod-{item.pk}", item.file_kind)
    )
