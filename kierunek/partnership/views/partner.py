"""Partner staff's pages: their institution's profile and memberships, its directory entries and
its good practices. Every page works on the account's own institution only: another's entry or
practice is 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, submit
from kierunek.core.permissions import role_required

from .. import domain, selectors, services
from ..forms import DeclarationForm, EntryForm, InstitutionForm, PracticeForm
from ..models import DirectoryEntry, GoodPractice, Institution, JoinedBy, Partnership


def _institution(request: HttpRequest) -> Institution:
    institution = selectors.institution_of_staff(user=request_user(request))
    if institution is None:
        raise Http404(_("Your account is not linked to an institution yet. Ask the programme office."))
    return institution


def _profile_initial(institution: Institution) -> dict[str, Any]:
    return {name: getattr(institution, name) for name in InstitutionForm.base_fields}


@role_required(Role.PARTNER_STAFF)
def profile(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    form = InstitutionForm(request.POST or None, initial=_profile_initial(institution))
    done = submit(
        request,
        form,
        lambda data: services.institution_update(
            actor=actor_from_request(request), institution_id=institution.pk, data=data
        ),
        success=_("The profile was saved."),
        done=reverse("partnership:partner_profile"),
    )
    open_ids = selectors.open_membership_partnerships(institution=institution)
    declaration = DeclarationForm()
    choice = declaration.fields["partnership"]
    assert isinstance(choice, forms.ModelChoiceField)
    choice.queryset = Partnership.objects.exclude(pk__in=open_ids).order_by("pk")
    return done or render(
        request,
        "partnership/partner_profile.html",
        {
            "institution": institution,
            "form": form,
            "memberships": selectors.memberships_of(institution=institution),
            "declaration": declaration if choice.queryset.exists() else None,
            "staff": selectors.staff_of(institution=institution),
        },
    )


@role_required(Role.PARTNER_STAFF)
@require_POST
def declare(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    form = DeclarationForm(request.POST)
    here = reverse("partnership:partner_profile")
    if not form.is_valid():
        raise Http404
    return act(
        request,
        lambda: services.membership_apply(
            actor=actor_from_request(request),
            institution_id=institution.pk,
            partnership_id=form.cleaned_data["partnership"].pk,
            joined_by=JoinedBy.DECLARATION,
        ),
        success=_("Your declaration was sent; the programme office will confirm the membership."),
        done=here,
    )


@role_required(Role.PARTNER_STAFF)
def entries(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    return render(
        request,
        "partnership/partner_entries.html",
        {
            "institution": institution,
            "entries": selectors.entries_of(institution=institution),
            "to_check": {entry.pk for entry in selectors.entries_to_check(institution=institution)},
        },
    )


@role_required(Role.PARTNER_STAFF)
def entry_edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    institution = _institution(request)
    entry = None
    if entry_id is not None:
        try:
            entry = selectors.entry_of(institution=institution, entry_id=entry_id)
        except DirectoryEntry.DoesNotExist:
            raise Http404 from None
    initial = (
        EntryForm.initial_of(entry)
        if entry
        else {"gmina": institution.gmina, "is_free": True, "is_active": True}
    )
    form = EntryForm(request.POST or None, initial=initial)
    actor = actor_from_request(request)

    def save(data: dict[str, Any]) -> DirectoryEntry:
        values = form.service_data()
        if entry is None:
            return services.entry_create(actor=actor, institution_id=institution.pk, data=values)
        return services.entry_update(actor=actor, entry_id=entry.pk, data=values)

    done = submit(
        request,
        form,
        save,
        success=_("The entry was saved and is in the directory as of today."),
        done=reverse("partnership:partner_entries"),
    )
    return done or render(
        request, "partnership/partner_entry.html", {"institution": institution, "entry": entry, "form": form}
    )


@role_required(Role.PARTNER_STAFF)
def practices(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    return render(
        request,
        "partnership/partner_practices.html",
        {"institution": institution, "practices": selectors.practices_of(institution=institution)},
    )


@role_required(Role.PARTNER_STAFF)
def practice_edit(request: HttpRequest, practice_id: int | None = None) -> HttpResponse:
    institution = _institution(request)
    practice = None
    if practice_id is not None:
        try:
            practice = selectors.practice_of(institution=institution, practice_id=practice_id)
        except GoodPractice.DoesNotExist:
            raise Http404 from None
    editable = practice is None or practice.status in domain.EDITABLE
    initial = {}
    if practice is not None:
        initial = {
            "title": practice.title,
            "summary": practice.summary,
            "description": practice.description,
            "tags": ", ".join(tag.name for tag in practice.tags.all()),
        }
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial) if editable else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.practice_save(
                actor=actor_from_request(request),
                institution_id=institution.pk,
                practice_id=practice.pk if practice else None,
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                tags=form.tag_names(),
                attachment=data.get("attachment"),
            ),
            success=_("The good practice was saved. Submit it for review when it is ready."),
            done=lambda saved: reverse("partnership:partner_practice", args=[saved.pk]),
        )
        if done is not None:
            return done
    return render(
        request,
        "partnership/partner_practice.html",
        {
            "institution": institution,
            "practice": practice,
            "form": form,
            "events": practice.events.all() if practice else [],
        },
    )


@role_required(Role.PARTNER_STAFF)
@require_POST
def practice_submit(request: HttpRequest, practice_id: int) -> HttpResponse:
    institution = _institution(request)
    if not institution.practices.filter(pk=practice_id).exists():
        raise Http404
    here = reverse("partnership:partner_practice", args=[practice_id])
    return act(
        request,
        lambda: services.practice_submit(actor=actor_from_request(request), practice_id=practice_id),
        success=_("The good practice was sent to the programme office for review."),
        done=here,
    )
