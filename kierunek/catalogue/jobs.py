"""The catalogue's background jobs (:mod:`kierunek.core.jobs`): rebuilding the search index,
started by an administrator from the index page. The analysis only reads and reports its
progress; the documents are swapped in one short transaction at the end
(:func:`kierunek.catalogue.search.search_index_rebuild`), so searches keep working on the old
index until the new one is complete."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role
from kierunek.core.jobs import JobKind, JobOutcome, Progress, job_kind_register
from kierunek.core.models import BackgroundJob

from .search import search_index_rebuild

SEARCH_INDEX_REBUILD = "catalogue.search_index_rebuild"


def search_index_rebuild_run(job: BackgroundJob, progress: Progress) -> JobOutcome:
    written = search_index_rebuild(progress=progress)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")  # fresh statistics for the planner (no autovacuum)
    return JobOutcome(
        message=_("The search index is rebuilt: %(count)s published services are indexed.")
        % {"count": written},
        result={"documents": written},
        result_url=reverse("catalogue:office_search_index"),
    )


def jobs_register() -> None:
    job_kind_register(
        JobKind(
            key=SEARCH_INDEX_REBUILD,
            label=gettext_lazy("Rebuilding the search index"),
            roles=frozenset({Role.ADMINISTRATOR}),
            run=search_index_rebuild_run,
        )
    )
