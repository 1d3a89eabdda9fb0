"""The office's pages: partner institutions (add, link staff, memberships: record an accession,
admit, record leaving) and the review of good practices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import confirm_first, form_saved, submit
from kierunek.core.permissions import role_required

from .. import selectors, services
from ..forms import AdmitForm, InstitutionForm, LeaveForm, MembershipForm, ReviewForm, StaffLinkForm
from ..models import GoodPractice, Institution, Membership


def _institution(institution_id: int) -> Institution:
    try:
        return selectors.institution_for_officer(institution_id=institution_id)
    except Institution.DoesNotExist:
        raise Http404 from None


def _membership(institution: Institution, membership_id: int) -> Membership:
    try:
        return institution.memberships.select_related("partnership").get(pk=membership_id)
    except Membership.DoesNotExist:
        raise Http404 from None


@role_required(Role.OFFICER)
def institutions(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    return render(
        request,
        "partnership/office_institutions.html",
        {
            "institutions": selectors.institutions_for_officer(q=q),
            "q": q,
            "counts": selectors.officer_counts(),
        },
    )


@role_required(Role.OFFICER)
def institution_new(request: HttpRequest) -> HttpResponse:
    form = InstitutionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.institution_create(actor=actor_from_request(request), data=data),
        success=_("The institution was added."),
        done=lambda institution: reverse("partnership:office_institution", args=[institution.pk]),
    )
    return done or render(request, "partnership/office_institution_new.html", {"form": form})


def _institution_page(request: HttpRequest, institution: Institution, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "partnership/office_institution.html",
        {
            "institution": institution,
            "memberships": selectors.memberships_of(institution=institution),
            "staff": selectors.staff_of(institution=institution),
            "entries": selectors.entries_of(institution=institution),
            "membership_form": forms.get("membership_form") or MembershipForm(initial={"applied_on": today}),
            "staff_form": forms.get("staff_form") or StaffLinkForm(),
            "admit_form": AdmitForm(initial={"joined_on": today}),
            "leave_form": LeaveForm(initial={"left_on": today}),
        },
    )


@role_required(Role.OFFICER)
def institution(request: HttpRequest, institution_id: int) -> HttpResponse:
    return _institution_page(request, _institution(institution_id))


@role_required(Role.OFFICER)
@require_POST
def membership_add(request: HttpRequest, institution_id: int) -> HttpResponse:
    institution = _institution(institution_id)
    form = MembershipForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.membership_apply(
            actor=actor_from_request(request),
            institution_id=institution.pk,
            partnership_id=data["partnership"].pk,
            joined_by=data["joined_by"],
            applied_on=data["applied_on"],
            document_reference=data["document_reference"],
        ),
        success=_("The accession was recorded."),
        done=reverse("partnership:office_institution", args=[institution.pk]),
    )
    return done or _institution_page(request, institution, membership_form=form)


@role_required(Role.OFFICER)
@require_POST
def staff_link(request: HttpRequest, institution_id: int) -> HttpResponse:
    institution = _institution(institution_id)
    form = StaffLinkForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.institution_staff_link(
            actor=actor_from_request(request), institution_id=institution.pk, email=data["email"]
        ),
        success=_("The account now works for this institution."),
        done=reverse("partnership:office_institution", args=[institution.pk]),
    )
    return done or _institution_page(request, institution, staff_form=form)


@role_required(Role.OFFICER)
@require_POST
def membership_change(
    request: HttpRequest, institution_id: int, membership_id: int, action: str
) -> HttpResponse:
    """Admit an institution that applied, or record its leaving (or a withdrawn accession) after a
    confirmation. A refusal or a missing field is shown on the institution's page."""
    institution = _institution(institution_id)
    membership = _membership(institution, membership_id)
    here = reverse("partnership:office_institution", args=[institution.pk])
    actor = actor_from_request(request)
    form: AdmitForm | LeaveForm
    if action == "admit":
        form = AdmitForm(request.POST)
        saved, _result = form_saved(
            request,
            form,
            lambda data: services.membership_admit(
                actor=actor, membership_id=membership.pk, joined_on=data["joined_on"]
            ),
            success=_("The institution is a member of the partnership."),
        )
    else:
        form = LeaveForm(request.POST)
        if form.is_valid():
            asked = confirm_first(
                request,
                question=_("Record that %(institution)s left %(partnership)s?")
                % {"institution": institution.name, "partnership": membership.partnership.short_name},
                consequences=[
                    _("Its offer leaves the public directory unless it belongs to another partnership.")
                ],
                confirm_label=_("Record the leaving"),
                back=here,
                shown={"left_on": _("Left on"), "reason": _("Reason")},
            )
            if asked is not None:
                return asked
        saved, _result = form_saved(
            request,
            form,
            lambda data: services.membership_end(
                actor=actor, membership_id=membership.pk, left_on=data["left_on"], reason=data["reason"]
            ),
            success=_("The leaving was recorded."),
        )
    if not saved:
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
    return redirect(here)


@role_required(Role.OFFICER)
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/office_review_queue.html", {"practices": selectors.review_queue()})


@role_required(Role.OFFICER)
def review(request: HttpRequest, practice_id: int) -> HttpResponse:
    try:
        practice = selectors.practice_for_officer(practice_id=practice_id)
    except GoodPractice.DoesNotExist:
        raise Http404 from None
    reviewable = practice.status == "submitted"
    form = ReviewForm(request.POST or None) if reviewable else None
    if form is not None and request.method == "POST":
        saved, _result = form_saved(
            request,
            form,
            lambda data: services.practice_review(
                actor=actor_from_request(request),
                practice_id=practice.pk,
                publish=data["decision"] == ReviewForm.PUBLISH,
                comment=data["comment"],
            ),
            success=_("The decision was recorded and the authors informed."),
        )
        if saved:
            return redirect("partnership:office_review_queue")
    return render(
        request,
        "partnership/office_review.html",
        {"practice": practice, "form": form, "events": practice.events.all()},
    )
