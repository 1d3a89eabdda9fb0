"""The administrator's page of the catalogue's search index: how many published services it
holds, the last rebuilds, and a button that rebuilds it as a background job."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.jobs import job_start
from kierunek.core.models import BackgroundJob
from kierunek.core.pages import job_followed
from kierunek.core.permissions import role_required

from ..jobs import SEARCH_INDEX_REBUILD
from ..models import CardStatus, SearchDocument, ServiceCard


@never_cache
@role_required(Role.ADMINISTRATOR)
def search_index(request: HttpRequest) -> HttpResponse:
    published = ServiceCard.objects.filter(status=CardStatus.PUBLISHED).count()
    return render(
        request,
        "catalogue/office/search_index.html",
        {
            "published": published,
            "indexed": SearchDocument.objects.count(),
            "rebuilds": BackgroundJob.objects.filter(kind=SEARCH_INDEX_REBUILD).select_related("started_by")[
                :10
            ],
        },
    )


@role_required(Role.ADMINISTRATOR)
@require_POST
def search_index_rebuild(request: HttpRequest) -> HttpResponse:
    job = job_start(
        kind=SEARCH_INDEX_REBUILD,
        actor=actor_from_request(request),
        params={},
        again_url=reverse("catalogue:office_search_index"),
    )
    return job_followed(request, job)
