"""The candidate's pages (used with a guardian): the application with its ranked classes, the
result with the explanation of every class ranked above it, confirmation of intent, the request for
a justification and the appeal; and the public "what-if" page of last year's cut-offs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, post_or_back, submit
from kierunek.core.permissions import role_required

from .. import selectors, services
from ..forms import ApplicationForm, RankingForm, TextForm
from ..models import Appeal, Application, Placement, RecruitmentYear, Round, YearStatus
from ..services.appeals import deadlines
from ..services.applications import GuardianData

CANDIDATE = Role.CANDIDATE


def _application(request: HttpRequest) -> Application:
    year = selectors.year_current()
    application = selectors.application_of(user=request.user, year=year) if year else None  # type: ignore[arg-type]
    if application is None:
        raise Http404
    return application


@role_required(CANDIDATE)
def mine(request: HttpRequest) -> HttpResponse:
    year = selectors.year_current()
    application = selectors.application_of(user=request.user, year=year) if year else None  # type: ignore[arg-type]
    context: dict[str, object] = {"year": year, "application": application}
    if application is not None:
        placement, lines = selectors.explanation(application)
        supplementary, supplementary_lines = selectors.explanation(application, Round.SUPPLEMENTARY)
        context.update(
            {
                "placement": placement,
                "lines": lines,
                "supplementary": supplementary,
                "supplementary_lines": supplementary_lines,
                "preferences": application.preferences.filter(round=Round.MAIN).select_related(
                    "school_class__school"
                ),
                "guardians": application.guardians.all(),
                "appeals": [
                    (a, deadlines(a)) for a in application.appeals.select_related("school_class__school")
                ],
                "published": application.year.status != YearStatus.OPEN,
                "lists": selectors.lists_published_for(application),
                "may_request": application.year.status in {YearStatus.ADMITTED, YearStatus.SUPPLEMENTARY},
                "asked": set(application.appeals.values_list("school_class_id", flat=True)),
            }
        )
    return render(request, "recruitment/mine.html", context)


@role_required(CANDIDATE)
def application_edit(request: HttpRequest) -> HttpResponse:
    """The candidate writes (or corrects) their application with a guardian, on their account."""
    year = selectors.year_current()
    if year is None:
        raise Http404
    application = selectors.application_of(user=request.user, year=year)  # type: ignore[arg-type]
    initial = ApplicationForm.initial_of(application) if application is not None else {}
    form = ApplicationForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.application_save(
            actor=actor_from_request(request),
            year=year,
            first_name=data["first_name"],
            last_name=data["last_name"],
            pesel=data["pesel"],
            guardians=[GuardianData(**g) for g in form.guardians()],
            flags={name: data[name] for name in ApplicationForm.FIELDSETS[3][1]},
        ),
        success=_("Your application is saved. Now rank the classes you want."),
        done="recruitment:mine",
    )
    if done is not None:
        return done
    return render(
        request, "recruitment/application_form.html", {"form": form, "year": year, "application": application}
    )


@role_required(CANDIDATE)
def class_list(request: HttpRequest, class_id: int) -> HttpResponse:
    """A published list of a class the candidate ranked: names in alphabetical order with the
    statement, and the lowest admitting score. Nobody else's application is opened."""
    application = _application(request)
    round_ = request.GET.get("round", Round.MAIN)
    if round_ not in Round.values:
        raise Http404
    school_class = selectors.class_published_for(application=application, class_id=class_id, round_=round_)
    if school_class is None:
        raise Http404
    admitted = selectors.admitted_published(application.year, round_)
    figures = school_class.rounds.get(round=round_)
    return render(
        request,
        "recruitment/class_lists.html",
        {
            "school_class": school_class,
            "lines": selectors.class_list(school_class, round_, admitted=admitted),
            "figures": figures,
            "admitted": admitted,
            "round": round_,
            "public": True,
        },
    )


@role_required(CANDIDATE)
def ranking(request: HttpRequest, round_: str = Round.MAIN) -> HttpResponse:
    application = _application(request)
    year = application.year
    current = list(application.preferences.filter(round=round_).values_list("school_class_id", flat=True))
    form = RankingForm(request.POST or None, classes=selectors.classes_of_year(year), initial_ids=current)
    done = submit(
        request,
        form,
        lambda data: services.preferences_save(
            actor=actor_from_request(request),
            application=application,
            class_ids=form.class_ids(),
            round_=round_,
        ),
        success=_("Your ranking is saved."),
        done="recruitment:mine",
    )
    if done is not None:
        return done
    return render(request, "recruitment/ranking.html", {"form": form, "year": year, "round": round_})


@role_required(CANDIDATE)
def ranking_supplementary(request: HttpRequest) -> HttpResponse:
    return ranking(request, Round.SUPPLEMENTARY)


@role_required(CANDIDATE)
@post_or_back(lambda request: reverse("recruitment:mine"))
def application_submit(request: HttpRequest) -> HttpResponse:
    application = _application(request)
    return act(
        request,
        lambda: services.application_submit(actor=actor_from_request(request), application=application),
        success=_("Your application is submitted. The school of your first choice will check the documents."),
        done="recruitment:mine",
    )


@role_required(CANDIDATE)
@post_or_back(lambda request, placement_id: reverse("recruitment:mine"))
def confirm(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = get_object_or_404(Placement, pk=placement_id, application__candidate=request.user)
    return act(
        request,
        lambda: services.intent_confirm(actor=actor_from_request(request), placement=placement),
        success=_("Your intent to attend is confirmed."),
        done="recruitment:mine",
    )


@role_required(CANDIDATE)
@post_or_back(lambda request, class_id: reverse("recruitment:mine"))
def justification_request(request: HttpRequest, class_id: int) -> HttpResponse:
    application = _application(request)
    school_class = get_object_or_404(application.year.classes, pk=class_id)
    return act(
        request,
        lambda: services.justification_request(
            actor=actor_from_request(request), application=application, school_class=school_class
        ),
        success=_("Your request is sent. The committee gives its justification within 3 days."),
        done="recruitment:mine",
    )


@role_required(CANDIDATE)
def appeal(request: HttpRequest, appeal_id: int) -> HttpResponse:
    item = get_object_or_404(
        Appeal.objects.select_related("school_class__school", "application__year"),
        pk=appeal_id,
        application__candidate=request.user,
    )
    form = TextForm(request.POST or None, label=_("Why you appeal to the director"))
    done = submit(
        request,
        form,
        lambda data: services.appeal_file(
            actor=actor_from_request(request), appeal=item, grounds=data["text"]
        ),
        success=_("Your appeal is sent to the director, who decides within 3 days."),
        done="recruitment:mine",
    )
    if done is not None:
        return done
    return render(
        request, "recruitment/appeal.html", {"appeal": item, "form": form, "deadline": deadlines(item)}
    )


def whatif(request: HttpRequest) -> HttpResponse:
    """Public: last year's lowest admitting scores per class, anonymised."""
    year = selectors.year_current()
    rows = selectors.cutoffs_last_year(year) if year else []
    previous = RecruitmentYear.objects.filter(year=year.year - 1).first() if year else None
    return render(request, "recruitment/whatif.html", {"rows": rows, "year": year, "previous": previous})
