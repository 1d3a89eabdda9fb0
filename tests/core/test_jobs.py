"""The background-job kit (core/jobs.py): a job runs to done or failed, reports progress, a stopped
worker is found and its job run again or failed, and only the person who started a job follows it.
The kinds here are small real jobs that write to the audit log, so their effect can be checked."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.jobs import (
    JOB_KINDS,
    JobKind,
    JobOutcome,
    job_kind_register,
    job_run,
    job_start,
    jobs_sweep,
)
from kierunek.core.models import BackgroundJob, JobStatus
from kierunek.core.pages import job_followed
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

RUNS: list[dict] = []


def _counting(job, progress):
    """Counts to the job's ``to``, reporting each step; fails on a ``refuse`` parameter."""
    if job.params.get("refuse"):
        raise ValidationError("Nie ma czego liczyć.")
    if job.params.get("crash"):
        raise RuntimeError("the disk is full")
    for step in range(job.params["to"] + 1):
        progress(step, job.params["to"])
    RUNS.append(dict(job.params))
    return JobOutcome(
        message=f"Policzono do {job.params['to']}.", result={"to": job.params["to"]}, result_url="/"
    )


@pytest.fixture(autouse=True)
def counting_kind():
    RUNS.clear()
    job_kind_register(
        JobKind(key="test.count", label="Liczenie", roles=frozenset({Role.OFFICER}), run=_counting)
    )
    yield
    JOB_KINDS.pop("test.count", None)


def _start(user, **params):
    return job_start(kind="test.count", actor=Actor.of(user), params=params, again_url="/again/")


def test_a_job_runs_to_its_end_with_progress_and_outcome():
    job = _start(StaffUserFactory(), to=3)
    assert job.status == JobStatus.QUEUED

    job = job_run(job.pk)

    assert job.status == JobStatus.DONE
    assert (job.done, job.total) == (3, 3)
    assert job.message == "Policzono do 3."
    assert job.result == {"to": 3}
    assert job.finished_at is not None
    # Run again (a second worker, a retry): nothing twice.
    assert job_run(job.pk).status == JobStatus.DONE
    assert RUNS == [{"to": 3}]


def test_a_role_that_may_not_start_the_job_is_refused():
    with pytest.raises(PermissionDenied):
        _start(StaffUserFactory(role=Role.AUDITOR), to=1)
    assert BackgroundJob.objects.count() == 0


def test_a_refusal_fails_the_job_with_its_message_and_an_error_with_a_general_one(caplog):
    refused = job_run(_start(StaffUserFactory(), to=1, refuse=True).pk)
    assert refused.status == JobStatus.FAILED
    assert refused.message == "Nie ma czego liczyć."

    crashed = job_run(_start(StaffUserFactory(), to=1, crash=True).pk)
    assert crashed.status == JobStatus.FAILED
    assert "the disk is full" not in crashed.message
    assert "the disk is full" in caplog.text  # logged for the operators, not shown to the person


def test_a_running_job_is_left_to_its_worker_until_it_stops_moving():
    job = _start(StaffUserFactory(), to=2)
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # a worker has it
    assert job_run(job.pk).status == JobStatus.RUNNING
    assert RUNS == []

    BackgroundJob.objects.filter(pk=job.pk).update(moved_at=timezone.now() - timedelta(hours=1))  # it died
    assert job_run(job.pk).status == JobStatus.DONE
    assert RUNS == [{"to": 2}]


def test_the_sweep_fails_jobs_whose_worker_stopped_and_leaves_the_others():
    user = StaffUserFactory()
    stopped, fresh, done = _start(user, to=1), _start(user, to=1), _start(user, to=1)
    job_run(done.pk)
    BackgroundJob.objects.filter(pk=stopped.pk).update(
        status=JobStatus.RUNNING, moved_at=timezone.now() - timedelta(hours=1)
    )

    assert jobs_sweep() == 1

    stopped.refresh_from_db()
    assert stopped.status == JobStatus.FAILED
    assert "start it again" in stopped.message or "uruchom" in stopped.message.lower()
    assert BackgroundJob.objects.get(pk=fresh.pk).status == JobStatus.QUEUED
    assert BackgroundJob.objects.get(pk=done.pk).status == JobStatus.DONE


def test_only_the_person_who_started_a_job_follows_it(client_for):
    owner = StaffUserFactory()
    job = _start(owner, to=1)
    url = reverse("core:job", args=[job.pk])

    assert client_for(StaffUserFactory()).get(url).status_code == 404
    mine = client_for(owner)
    page = mine.get(url)
    assert page.status_code == 200
    assert 'hx-trigger="every 2s"' in page.content.decode()

    job_run(job.pk)
    part = mine.get(url, headers={"HX-Request": "true"})
    assert part["HX-Redirect"] == "/"
    assert "Policzono do 1." in part.content.decode()


def test_a_stopped_job_page_offers_to_start_again(client_for):
    owner = StaffUserFactory()
    job = _start(owner, to=1)
    BackgroundJob.objects.filter(pk=job.pk).update(moved_at=timezone.now() - timedelta(hours=1))
    page = client_for(owner).get(reverse("core:job", args=[job.pk]))
    content = page.content.decode()
    assert 'href="/again/"' in content
    assert "every 2s" not in content  # it stops asking


def test_a_page_sends_the_person_to_the_result_of_a_job_that_already_ended():
    owner = StaffUserFactory()
    job = job_run(_start(owner, to=1).pk)
    request = RequestFactory().post("/")
    request.user = owner
    request.session = {}
    request._messages = FallbackStorage(request)
    response = job_followed(request, job)
    assert response["Location"] == "/"
    assert [str(m) for m in get_messages(request)] == ["Policzono do 1."]

    waiting = _start(owner, to=1)
    assert job_followed(request, waiting)["Location"] == reverse("core:job", args=[waiting.pk])
