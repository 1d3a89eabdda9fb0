"""Pages of the materials library: the public search, a material's page and its download (counted);
uploading (the centre, partners, schools) with one's own uploads; the reviewers' queue."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_response

from ..forms_materials import MaterialForm, MaterialSearchForm, ReviewForm
from ..models_materials import Material
from ..selectors_materials import (
    MaterialFilters,
    material_public,
    materials_of,
    materials_search,
    review_queue,
)
from ..services import materials as services
from ..workflows_materials import REVIEWERS, UPLOADERS

PAGE = 50


def library(request: HttpRequest) -> HttpResponse:
    form = MaterialSearchForm(request.GET or None)
    filters = MaterialFilters()
    if form.is_bound and form.is_valid():
        filters = MaterialFilters(**form.cleaned_data)
    found = materials_search(filters)
    return render(
        request,
        "education/materials/library.html",
        {
            "form": form,
            "materials": found[:PAGE],
            "count": found.count(),
            "can_upload": getattr(request.user, "role", None) in UPLOADERS,
        },
    )


def material(request: HttpRequest, material_id: int) -> HttpResponse:
    try:
        found = material_public(material_id)
    except Material.DoesNotExist:
        raise Http404 from None
    return render(request, "education/materials/material.html", {"material": found})


def download(request: HttpRequest, material_id: int) -> HttpResponseBase:
    """Count the download, then send the file or go to the link."""
    try:
        found = services.material_download_count(material_id=material_id)
    except Material.DoesNotExist:
        raise Http404 from None
    if found.file:
        return upload_response(found.file, "pdf", filename=f"material-{found.pk}.pdf")
    return redirect(found.url)


@role_required(*UPLOADERS)
def upload(request: HttpRequest) -> HttpResponse:
    form = MaterialForm(request.POST or None, request.FILES or None)
    actor = actor_from_request(request)
    done = submit(
        request,
        form,
        lambda data: services.material_submit(
            actor=actor,
            data=services.MaterialData(**{k: v for k, v in data.items() if k != "file"}),
            upload=data.get("file"),
        ),
        success=_("Thank you. The material is waiting for review; you will see here when it is published."),
        done="education:material_upload",
    )
    if done:
        return done
    return render(
        request,
        "education/materials/upload.html",
        {"form": form, "own": materials_of(user=request.user)},  # type: ignore[arg-type]
    )


@role_required(*UPLOADERS)
@post_or_back(lambda request, material_id: reverse("education:material_upload"))
def resubmit(request: HttpRequest, material_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.material_resubmit(actor=actor_from_request(request), material_id=material_id),
        success=_("The material is sent for review again."),
        done="education:material_upload",
    )


@role_required(*REVIEWERS)
def review_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "education/materials/review.html",
        {"queue": [(m, ReviewForm(prefix=f"m{m.pk}")) for m in review_queue()]},
    )


@role_required(*REVIEWERS)
@require_POST
def review(request: HttpRequest, material_id: int) -> HttpResponse:
    form = ReviewForm(request.POST, prefix=f"m{material_id}")
    if not form.is_valid():
        return redirect("education:materials_review")
    return act(
        request,
        lambda: services.material_review(
            actor=actor_from_request(request),
            material_id=material_id,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        ),
        success=_("The decision is saved."),
        done="education:materials_review",
    )


@role_required(*REVIEWERS)
def review_file(request: HttpRequest, material_id: int) -> HttpResponseBase:
    """The file of a material in review, for the reviewer (not counted as a download)."""
    found = Material.objects.filter(pk=material_id).exclude(file="").first()
    if found is None:
        raise Http404
    return upload_response(found.file, "pdf", filename=f"material-{found.pk}.pdf")
