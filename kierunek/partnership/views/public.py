"""Public pages: "find an institution" (search by need, audience and powiat), an entry's page, an
institution's page, and the library of good practices."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kierunek.core.uploads import upload_name, upload_response
from kierunek.events import selectors as events_selectors
from kierunek.geo.models import Powiat

from .. import selectors
from ..forms import DirectorySearchForm, LibrarySearchForm
from ..models import DirectoryEntry, GoodPractice, Institution, PracticeAttachment


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    filters = {"q": "", "audience": "", "powiat": "", "kind": ""}
    if form.is_bound and form.is_valid():
        filters.update({key: form.cleaned_data.get(key) or "" for key in filters})
    searched = any(filters.values())
    entries = selectors.directory_search(**filters) if searched else []
    powiat = Powiat.objects.filter(teryt=filters["powiat"]).first() if filters["powiat"] else None
    return render(
        request,
        "partnership/directory.html",
        {"form": form, "entries": entries, "searched": searched, "filters": filters, "powiat": powiat},
    )


def entry_page(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        entry = selectors.public_entry(entry_id=entry_id)
    except DirectoryEntry.DoesNotExist:
        raise Http404 from None
    return render(request, "partnership/entry.html", {"entry": entry})


def institution_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        institution = selectors.public_institution(slug=slug)
    except Institution.DoesNotExist:
        raise Http404 from None
    memberships = [m for m in selectors.memberships_of(institution=institution) if m.status == "member"]
    return render(
        request,
        "partnership/institution.html",
        {
            "institution": institution,
            "memberships": memberships,
            "entries": selectors.public_entries_of(institution=institution),
            "practices": selectors.published_practices_of(institution=institution),
            "events": events_selectors.public_events_organised_by(
                user_ids=[u.pk for u in selectors.staff_of(institution=institution)]
            ),
        },
    )


def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    q = tag = ""
    if form.is_bound and form.is_valid():
        q, tag = form.cleaned_data["q"], form.cleaned_data["tag"]
    return render(
        request,
        "partnership/library.html",
        {
            "form": form,
            "practices": selectors.library_search(q=q, tag=tag),
            "tags": selectors.tags_in_use(),
            "q": q,
            "tag": tag,
        },
    )


def practice_page(request: HttpRequest, practice_id: int) -> HttpResponse:
    try:
        practice = selectors.published_practice(practice_id=practice_id)
    except GoodPractice.DoesNotExist:
        raise Http404 from None
    return render(request, "partnership/practice.html", {"practice": practice})


def practice_attachment(request: HttpRequest, practice_id: int, attachment_id: int) -> FileResponse:
    """A file of a published practice, for anyone."""
    try:
        practice = selectors.published_practice(practice_id=practice_id)
        attachment = practice.attachments.get(pk=attachment_id)
    except (GoodPractice.DoesNotExist, PracticeAttachment.DoesNotExist):
        raise Http404 from None
    return upload_response(
        attachment.file,
        attachment.kind,
        filename=upload_name(f"dobra-praktyka-{practice.pk}-{attachment.pk}", attachment.kind),
    )
