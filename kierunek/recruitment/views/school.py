"""The school's pages, for its recruitment committee (the director, and the teachers the director
appoints to the year's committee): the committee, applications whose first choice is the school
(check the documents, enter the results), the aptitude tests of its classes, the classes' lists,
confirmation of intent at the school, and the appeals: the generated justification (PDF to sign)
and the decision, which stays the director's (art. 158 ust. 6). Each page is scoped to the schools
whose committee the person acts for in the year (``selectors.committee_schools``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.audit import audit_record
from kierunek.core.pages import act, post_or_back, submit
from kierunek.core.pdf import render_pdf
from kierunek.core.permissions import role_required
from kierunek.education.models import SchoolFunction, SchoolStaff

from .. import domain, selectors, services
from ..audit_actions import APPLICATION_READ
from ..forms import AptitudeForm, CommitteeForm, DecisionForm, ResultsFileForm, ResultsForm, TextForm
from ..models import (
    Appeal,
    Application,
    ClassRound,
    CommitteeMember,
    Placement,
    RecruitmentYear,
    Round,
    SchoolClass,
)
from ..services.appeals import deadlines
from ..services.applications import school_may_act
from ..services.aptitude import aptitude_window_error

DIRECTOR = Role.SCHOOL_DIRECTOR
COMMITTEE = (Role.SCHOOL_DIRECTOR, Role.TEACHER)


def _year() -> RecruitmentYear:
    year = selectors.year_current()
    if year is None:
        raise Http404
    return year


def _posts_to_appoint(request: HttpRequest, year: RecruitmentYear) -> QuerySet[SchoolStaff]:
    """The teachers working now at the schools the director directs, not yet on the committee."""
    return (
        SchoolStaff.objects.filter(
            school__in=selectors.schools_directed(user=request.user),  # type: ignore[arg-type]
            function=SchoolFunction.TEACHER,
            until__isnull=True,
            user__role=Role.TEACHER,
        )
        .exclude(committees__year=year)
        .select_related("user", "school")
        .order_by("school__name", "user__last_name", "user__first_name", "pk")
    )


@role_required(*COMMITTEE)
def school(request: HttpRequest) -> HttpResponse:
    year = _year()
    user = request.user
    schools = selectors.committee_schools(user=user, year=year)  # type: ignore[arg-type]
    classes = selectors.classes_of(user=user, year=year)  # type: ignore[arg-type]
    figures = {
        (f.school_class_id, f.round): f
        for f in ClassRound.objects.filter(school_class__in=classes).select_related("school_class__school")
    }
    rows = [(c, figures.get((c.pk, Round.MAIN)), figures.get((c.pk, Round.SUPPLEMENTARY))) for c in classes]
    committee = (
        CommitteeMember.objects.filter(year=year, staff__school__in=schools)
        .select_related("staff__user", "staff__school")
        .order_by("staff__school__name", "-chair", "staff__user__last_name", "pk")
    )
    appeals = [(a, deadlines(a)) for a in selectors.appeals_of(user=user, year=year)]  # type: ignore[arg-type]
    is_director = user.role == DIRECTOR  # type: ignore[union-attr]
    directed = set(selectors.schools_directed(user=user)) if is_director else set()  # type: ignore[arg-type]
    return render(
        request,
        "recruitment/school.html",
        {
            "year": year,
            "schools": schools,
            "is_director": is_director,
            "rows": rows,
            "aptitude_classes": [c for c in classes if c.aptitude_test],
            "committee": [(m, m.staff.school in directed) for m in committee],
            "committee_form": CommitteeForm(posts=_posts_to_appoint(request, year)) if is_director else None,
            "to_check": selectors.applications_to_check(user=user, year=year),  # type: ignore[arg-type]
            "applications": selectors.applications_of_school(user=user, year=year),  # type: ignore[arg-type]
            "appeals": appeals,
            "results_form": ResultsFileForm(),
            "publishable": sorted(
                {(f.school_class.school, f.round) for f in figures.values() if f.published_at is None},
                key=lambda pair: (pair[0].name, pair[1]),
            ),
        },
    )


def _class(request: HttpRequest, class_id: int) -> SchoolClass:
    """A class of the year at a school whose committee the person acts for; any other is not found."""
    try:
        return selectors.class_of(user=request.user, pk=class_id, year=_year())  # type: ignore[arg-type]
    except SchoolClass.DoesNotExist as error:
        raise Http404 from error


@role_required(*COMMITTEE)
def class_lists(request: HttpRequest, class_id: int) -> HttpResponse:
    school_class = _class(request, class_id)
    round_ = request.GET.get("round", Round.MAIN)
    if round_ not in Round.values:
        raise Http404
    admitted = request.GET.get("list") == "admitted"
    lines = selectors.class_list(school_class, round_, admitted=admitted)
    figures = ClassRound.objects.filter(school_class=school_class, round=round_).first()
    audit_record(
        action=APPLICATION_READ,
        actor=actor_from_request(request),
        obj=school_class,
        details={"list": "admitted" if admitted else "qualified", "round": round_, "people": len(lines)},
    )
    return render(
        request,
        "recruitment/class_lists.html",
        {
            "school_class": school_class,
            "lines": lines,
            "figures": figures,
            "admitted": admitted,
            "round": round_,
            "may_confirm": round_ == Round.MAIN and not admitted and school_class.year.status == "qualified",
        },
    )


@role_required(*COMMITTEE)
@post_or_back(lambda request, application_id: reverse("recruitment:school"))
def application_check(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _school_application(request, application_id)
    accept = request.POST.get("accept") == "yes"
    return act(
        request,
        lambda: services.application_check(
            actor=actor_from_request(request), application=application, accept=accept
        ),
        success=_("The documents are confirmed.")
        if accept
        else _("The application is returned for corrections."),
        done="recruitment:school",
    )


def _appeal(request: HttpRequest, appeal_id: int) -> Appeal:
    return get_object_or_404(selectors.appeals_of(user=request.user, year=_year()), pk=appeal_id)  # type: ignore[arg-type]


@role_required(*COMMITTEE)
def appeal(request: HttpRequest, appeal_id: int) -> HttpResponse:
    """The committee gives the justification; the appeal that may follow is the director's to
    decide, so a member sees it without the decision's form."""
    item = _appeal(request, appeal_id)
    audit_record(action=APPLICATION_READ, actor=actor_from_request(request), obj=item.application)
    generated = selectors.justification_text(item)
    directs = request.user.role == DIRECTOR and item.school_class.school in selectors.schools_directed(  # type: ignore[union-attr]
        user=request.user  # type: ignore[arg-type]
    )
    form: TextForm | None
    if item.status == "requested":
        form = TextForm(
            request.POST or None, initial={"text": generated}, label=_("The committee's justification")
        )
        action = lambda data: services.appeal_justify(  # noqa: E731
            actor=actor_from_request(request), appeal=item, justification=data["text"]
        )
        success = _("The justification is given; the candidate may appeal within 3 days.")
    elif item.status == "appealed" and not directs:
        if request.method == "POST":
            raise PermissionDenied
        form, action, success = None, None, ""
    else:
        form = DecisionForm(request.POST or None, label=_("Reasons of the decision"))
        action = lambda data: services.appeal_decide(  # noqa: E731
            actor=actor_from_request(request), appeal=item, uphold=data["uphold"], decision=data["text"]
        )
        success = _("The decision is recorded.")
    if form is not None and action is not None:
        done = submit(request, form, action, success=success, done="recruitment:school")
        if done is not None:
            return done
    return render(
        request,
        "recruitment/school_appeal.html",
        {
            "appeal": item,
            "form": form,
            "deadline": deadlines(item),
            "generated": generated,
            "open": form is not None and item.status in {"requested", "appealed"},
            "director_decides": item.status == "appealed" and not directs,
        },
    )


@role_required(*COMMITTEE)
def appeal_pdf(request: HttpRequest, appeal_id: int) -> HttpResponse:
    """The art. 158 justification as a PDF for the committee to sign."""
    item = _appeal(request, appeal_id)
    audit_record(action=APPLICATION_READ, actor=actor_from_request(request), obj=item.application)
    text = item.justification or selectors.justification_text(item)
    members = CommitteeMember.objects.filter(
        year=item.application.year, staff__school=item.school_class.school
    ).select_related("staff__user")
    chair = f" ({_('chair')})"
    pdf = render_pdf(
        title=_("Justification of the recruitment committee's refusal"),
        meta={
            _("School"): item.school_class.school.name,
            _("Class"): f"{item.school_class.code} ({item.school_class.profile})",
            _("Candidate"): f"{item.application.first_name} {item.application.last_name}",
            _("Requested on"): item.requested_on.strftime("%d.%m.%Y"),
            _("Due by"): domain.appeal_deadline(item.requested_on).strftime("%d.%m.%Y"),
        },
        sections=[
            (_("Justification"), [text]),
            (
                _("Signatures of the committee"),
                [f"{m.staff.user.get_full_name()}{chair if m.chair else ''}: ______________" for m in members]
                or ["______________"],
            ),
        ],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uzasadnienie-{item.pk}.pdf"'
    return response


def _school_application(request: HttpRequest, application_id: int) -> Application:
    """An application whose first choice is a school whose committee the person acts for; any
    other is not found."""
    application = get_object_or_404(Application.objects.select_related("year"), pk=application_id)
    if not school_may_act(request.user, application):  # type: ignore[arg-type]
        raise Http404
    return application


@role_required(*COMMITTEE)
def results(request: HttpRequest, application_id: int) -> HttpResponse:
    """The committee enters a candidate's exam results and certificate."""
    application = _school_application(request, application_id)
    if request.method != "POST":
        audit_record(action=APPLICATION_READ, actor=actor_from_request(request), obj=application)
    form = ResultsForm(request.POST or None, initial=ResultsForm.initial_of(application))
    done = submit(
        request,
        form,
        lambda data: services.results_enter(
            actor=actor_from_request(request),
            application=application,
            exam=form.exam(),
            grades=form.grades(),
            distinction=data["distinction"],
            contests=form.contests_hundredths(),
            volunteering=data["volunteering"],
        ),
        success=_("The results are saved."),
        done="recruitment:school",
    )
    if done is not None:
        return done
    return render(request, "recruitment/school_results.html", {"application": application, "form": form})


@role_required(*COMMITTEE)
def results_file(request: HttpRequest) -> HttpResponse:
    """The committee imports the results of its first-choice candidates from a CSV file: every row
    is checked, and one wrong row refuses the whole file."""
    year = _year()
    form = ResultsFileForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.results_import(
            actor=actor_from_request(request),
            year=year,
            text=data["file"],
            school_user=request.user,  # type: ignore[arg-type]
        ),
        success=lambda count: _("%(count)s results imported.") % {"count": count},
        done="recruitment:school",
    )
    if done is not None:
        return done
    return render(request, "recruitment/school_results_file.html", {"form": form, "year": year})


@role_required(*COMMITTEE)
@post_or_back(lambda request, round_: reverse("recruitment:school"))
def publish(request: HttpRequest, round_: str) -> HttpResponse:
    """The committee publishes its classes' lists of the round."""
    if round_ not in Round.values:
        raise Http404
    year = _year()
    schools = selectors.committee_schools(user=request.user, year=year)  # type: ignore[arg-type]
    school = next((s for s in schools if str(s.pk) == request.POST.get("school")), None)
    if school is None:
        raise Http404
    return act(
        request,
        lambda: services.lists_publish(
            actor=actor_from_request(request), year=year, school=school, round_=round_
        ),
        success=lambda count: _("Lists published to the candidates: %(count)s.") % {"count": count},
        done="recruitment:school",
    )


@role_required(*COMMITTEE)
@post_or_back(lambda request, placement_id: reverse("recruitment:school"))
def confirm(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The candidate confirms their intent at the school's desk (with a medical certificate where
    the class requires one); the committee records it."""
    placement = get_object_or_404(
        Placement.objects.select_related("school_class__school", "application__year"),
        pk=placement_id,
        school_class__year=_year(),
        school_class__school__in=selectors.committee_schools(user=request.user, year=_year()),  # type: ignore[arg-type]
    )
    back = reverse("recruitment:class_lists", args=[placement.school_class_id])
    return act(
        request,
        lambda: services.intent_confirm(actor=actor_from_request(request), placement=placement),
        success=_("The intent to attend is confirmed."),
        done=back,
    )


@role_required(*COMMITTEE)
def aptitude(request: HttpRequest, class_id: int) -> HttpResponse:
    """The committee of the class's school enters the aptitude test of each candidate who ranked
    the class in the round (passed, not passed, no result yet), while the timetable allows;
    afterwards the page shows them. Opening the names is a read of the candidates' data, audited
    as the results' page is."""
    school_class = _class(request, class_id)
    if not school_class.aptitude_test:
        raise Http404
    round_ = request.GET.get("round", Round.MAIN)
    if round_ not in Round.values:
        raise Http404
    lines = selectors.aptitude_candidates(school_class, round_)
    if request.method != "POST":
        audit_record(
            action=APPLICATION_READ,
            actor=actor_from_request(request),
            obj=school_class,
            details={"list": "aptitude test", "round": round_, "people": len(lines)},
        )
    closed = aptitude_window_error(school_class, round_)
    if request.method == "POST" and closed:
        raise PermissionDenied(closed)
    form = AptitudeForm(request.POST or None, lines=lines)
    done = submit(
        request,
        form,
        lambda data: services.aptitude_results_enter(
            actor=actor_from_request(request),
            school_class=school_class,
            round_=round_,
            results=form.results(),
        ),
        success=lambda count: _("Aptitude test results saved: %(count)s changed.") % {"count": count},
        done=lambda count: f"{reverse('recruitment:aptitude', args=[school_class.pk])}?round={round_}",
    )
    if done is not None:
        return done
    return render(
        request,
        "recruitment/school_aptitude.html",
        {
            "school_class": school_class,
            "round": round_,
            "lines": lines,
            "form": form,
            "closed": closed,
            "until": school_class.year.aptitude_until
            if round_ == Round.MAIN
            else school_class.year.supplementary_admitted_on,
        },
    )


@role_required(DIRECTOR)
def committee(request: HttpRequest) -> HttpResponse:
    """The director appoints a teacher of the school to the year's committee."""
    year = _year()
    form = CommitteeForm(request.POST or None, posts=_posts_to_appoint(request, year))
    done = submit(
        request,
        form,
        lambda data: services.committee_appoint(
            actor=actor_from_request(request), year=year, staff=data["staff"], chair=data["chair"]
        ),
        success=_("The teacher is appointed to the recruitment committee."),
        done=f"{reverse('recruitment:school')}#committee",
    )
    if done is not None:
        return done
    return render(request, "recruitment/school_committee.html", {"form": form, "year": year})


@role_required(DIRECTOR)
@post_or_back(lambda request, member_id: f"{reverse('recruitment:school')}#committee")
def committee_dismiss(request: HttpRequest, member_id: int) -> HttpResponse:
    """The director takes a member off the year's committee."""
    member = get_object_or_404(
        CommitteeMember.objects.select_related("staff__school", "staff__user", "year"),
        pk=member_id,
        year=_year(),
        staff__school__in=selectors.schools_directed(user=request.user),  # type: ignore[arg-type]
    )
    return act(
        request,
        lambda: services.committee_dismiss(actor=actor_from_request(request), member=member),
        success=_("The member is taken off the committee."),
        done=f"{reverse('recruitment:school')}#committee",
    )
