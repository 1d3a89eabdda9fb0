"""Long work a person starts from a page, run by a background worker (django-tasks), with a page
where the person watches it.

A context declares a :class:`JobKind` (who may start it, what it does, how its result reads) and
registers it in its ``AppConfig.ready()``; a page starts a job with :func:`job_start` and sends
the person to the job's page (``core:job``), which follows the progress (HTMX, every 2 seconds;
without JavaScript a link loads it again) and ends on the result or on why it failed, with a way
to start again.

The kind's ``run`` does the work in short transactions and reports how far it got through the
``progress`` callback it receives; it must be all-or-nothing in effect (check everything first,
then write, or write into a staging state made visible in one step) and idempotent (a job run
again after its worker stopped does nothing twice). What ``run`` raises fails the job: a
``ValidationError``'s or ``PermissionDenied``'s message is shown to the person, anything else is
logged and shown as an unexpected error. A job whose worker stopped (no progress for
``KIERUNEK_JOB_STALLED_SECONDS``) is shown as stopped, and failed by :func:`jobs_sweep`.

The states (queued → running → done | failed) are a background job's progress, not a workflow:
nobody takes these steps but the job itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task

from .actor import Actor
from .models import BackgroundJob, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobOutcome:
    """What a finished job leaves: the person's message (in the job's language), data for the
    record, and the page of the result (empty: the job's page is the end)."""

    message: str
    result: dict[str, Any] = field(default_factory=dict)
    result_url: str = ""


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str | Promise
    roles: frozenset[str]
    run: Callable[[BackgroundJob, Progress], JobOutcome]


JOB_KINDS: dict[str, JobKind] = {}


def job_kind_register(kind: JobKind) -> None:
    JOB_KINDS[kind.key] = kind


def stalled_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "KIERUNEK_JOB_STALLED_SECONDS", 600))


def job_stalled(job: BackgroundJob, *, now: datetime | None = None) -> bool:
    """An unfinished job that has not moved for longer than a worker ever pauses: its worker
    stopped (killed, restarted) or none is running."""
    return not job.finished and job.moved_at < (now or timezone.now()) - stalled_after()


def job_start(*, kind: str, actor: Actor, params: dict[str, Any], again_url: str = "") -> BackgroundJob:
    """Record the job and queue its run once the record is committed. Raises PermissionDenied
    when the actor's role may not start it."""
    job_kind = JOB_KINDS[kind]
    if actor.role not in job_kind.roles:
        raise PermissionDenied(_("Your role cannot do this."))
    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=kind,
            started_by=actor.user,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            params=params,
            again_url=again_url,
        )
        job_id = job.pk
        transaction.on_commit(lambda: job_run_task.enqueue(job_id=job_id))
    return job


def job_run(job_id: int) -> BackgroundJob:
    """Run a queued job, or one whose worker stopped, to its end. A job that another worker runs
    now, or that finished, is left alone."""
    now = timezone.now()
    queued = Q(status=JobStatus.QUEUED)
    stopped = Q(status=JobStatus.RUNNING, moved_at__lt=now - stalled_after())
    startable = BackgroundJob.objects.filter(queued | stopped, pk=job_id)
    if not startable.update(status=JobStatus.RUNNING, moved_at=now):  # progress, not a workflow
        return BackgroundJob.objects.get(pk=job_id)
    job = BackgroundJob.objects.select_related("started_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            outcome = JOB_KINDS[job.kind].run(job, _progress_of(job_id))
        except (ValidationError, PermissionDenied) as error:
            _finish(job_id, JobStatus.FAILED, message=_error_text(error))
        except Exception:
            logger.exception("Background job %s (%s) failed", job_id, job.kind)
            _finish(
                job_id,
                JobStatus.FAILED,
                message=_("An unexpected error stopped the work. Nothing of it is visible; try again."),
            )
        else:
            _finish(
                job_id,
                JobStatus.DONE,
                message=outcome.message,
                result=outcome.result,
                result_url=outcome.result_url,
            )
    return BackgroundJob.objects.get(pk=job_id)


@task()
def job_run_task(job_id: int) -> str:
    return job_run(job_id).status


def jobs_sweep(*, now: datetime | None = None) -> int:
    """Fail every job whose worker stopped (no progress for longer than a worker ever pauses), so
    the person sees it failed and starts it again. Returns how many."""
    now = now or timezone.now()
    stalled = BackgroundJob.objects.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING], moved_at__lt=now - stalled_after()
    )
    count = 0
    for job in stalled.only("pk", "language"):
        with translation.override(job.language):
            count += _finish(
                job.pk,
                JobStatus.FAILED,
                message=_(
                    "The work stopped before it ended (its worker stopped). Nothing of it is visible; "
                    "start it again."
                ),
                unfinished_only=True,
            )
    return count


def _progress_of(job_id: int) -> Progress:
    def progress(done: int, total: int) -> None:
        BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            done=min(done, total), total=total, moved_at=timezone.now()
        )

    return progress


def _finish(job_id: int, status: str, *, message: str, unfinished_only: bool = False, **fields: Any) -> int:
    jobs = BackgroundJob.objects.filter(pk=job_id)
    if unfinished_only:
        jobs = jobs.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    now = timezone.now()
    return jobs.update(status=status, message=message[:500], finished_at=now, moved_at=now, **fields)


def _error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or _("Your role cannot do this.")
