"""Public pages of the portal besides Wagtail's own: the search, the report of an inaccessible
element, and the images of published pages (renditions), served from the private storage."""

from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request
from kierunek.core.pages import submit

from .. import selectors, services
from ..forms import ReportForm, SearchForm
from ..models import CmsRendition


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = selectors.pages_search(text=form.cleaned_data["q"])
    return render(request, "cms/public/search.html", {"form": form, "results": results})


def report_new(request: HttpRequest) -> HttpResponse:
    initial = {"address": request.GET.get("adres", "")[:500]}
    user = request.user
    if user.is_authenticated:
        initial |= {"name": user.get_full_name(), "email": user.email}
    form = ReportForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.report_submit(
            actor=actor_from_request(request), data=services.ReportData(**data)
        ),
        success=lambda report: (
            _("Thank you. Your report %(reference)s was received; the answer is due by %(due)s.")
            % {"reference": report.reference, "due": report.due_on.strftime("%d.%m.%Y")}
        ),
        done=lambda report: reverse("cms:report_new"),
    )
    return done or render(request, "cms/public/report_form.html", {"form": form})


def rendition(request: HttpRequest, name: str) -> HttpResponseBase:
    """An image of the portal in the size a page shows it: only files of renditions (never an
    original upload or another context's private file)."""
    path = f"images/{name}"
    if not CmsRendition.objects.filter(file=path).exists() or not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
