"""Imports of service cards as background jobs: every row checked before anything is written, the
cards written in short transactions while hidden, shown all at once; a failure keeps nothing; the
provider watches the progress; and a participant can log in while a large import writes."""

import io
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from kierunek.catalogue import import_jobs, importexport
from kierunek.catalogue.models import ImportJob, ImportJobStatus, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.accounts.factories import DEFAULT_PASSWORD, ParticipantFactory
from tests.catalogue.test_import_export import as_csv, row
from tests.core.file_database import database_file, database_template  # noqa: F401 - a fixture
from tests.providers.factories import ProviderFactory, provider_staff_of


@pytest.fixture
def provider(db):
    return ProviderFactory()


def start(provider, rows, capture):
    with capture(execute=True):  # the task is enqueued after the commit; tests run it at once
        job = import_jobs.import_job_create(
            provider=provider,
            actor=Actor.of(provider_staff_of(provider)),
            content=as_csv(rows),
            filename="u.csv",
        )
    job.refresh_from_db()
    return job


def test_a_good_file_becomes_drafts_shown_together(provider, django_capture_on_commit_callbacks):
    job = start(provider, [row(), row(title="Język angielski B2")], django_capture_on_commit_callbacks)

    assert (job.status, job.rows_done, job.rows_total, job.cards_created) == ("done", 2, 2, 2)
    assert job.errors == []
    assert bytes(job.content) == b""  # the file is not kept after the job
    cards = ServiceCard.objects.filter(provider=provider)
    assert sorted(cards.values_list("title", "status", "staged_in")) == [
        ("Język angielski B1 — kurs konwersacyjny", "draft", None),
        ("Język angielski B2", "draft", None),
    ]
    assert AuditEvent.objects.filter(action="catalogue.cards_imported", details__count=2).exists()


def test_bad_rows_fail_the_job_name_every_row_and_write_nothing(provider, django_capture_on_commit_callbacks):
    rows = [row(), row(title="Zła gmina", gmina="1299999"), row(title="Bez ceny", price_gross="sto"), row()]

    job = start(provider, rows, django_capture_on_commit_callbacks)

    assert job.status == "failed"
    assert {(e["row"], e["column"]) for e in job.errors} == {(2, "gmina"), (3, "price_gross"), (4, "title")}
    assert all(e["message"] for e in job.errors)
    assert not ServiceCard.objects.exists()


def test_staged_cards_are_hidden_until_shown_and_a_lost_job_removes_them(provider, client, login_staff):
    """A job whose worker stopped half-way: the cards it wrote stay out of every list, and the next
    import fails the job and removes them."""
    staff = provider_staff_of(provider)
    lost = ImportJob.objects.create(
        provider=provider, created_by=staff, filename="u.csv", status=ImportJobStatus.WRITING, rows_total=2
    )
    ImportJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=2))
    cards = importexport.cards_import_check(provider=provider, rows=[row(), row(title="Ukryta")])
    staged = importexport.cards_import_write(
        provider=provider, cards=cards, actor=Actor.of(staff), staged_in=lost, batch_size=1
    )
    login_staff(client, staff)

    assert "Ukryta" not in client.get("/instytucja/uslugi/").content.decode()
    assert "Ukryta" not in client.get("/instytucja/uslugi/eksport.csv").content.decode()
    assert client.get(f"/instytucja/uslugi/{staged[1].pk}/").status_code == 404

    job = import_jobs.import_job_create(
        provider=provider, actor=Actor.of(staff), content=as_csv([row()]), filename="n.csv"
    )

    lost.refresh_from_db()
    assert lost.status == "failed"
    assert lost.errors[0]["message"]
    assert not ServiceCard.objects.filter(pk__in=[card.pk for card in staged]).exists()
    assert job.status == "queued"


def test_the_job_page_polls_until_the_job_ends(provider, client, login_staff):
    staff = provider_staff_of(provider)
    job = ImportJob.objects.create(
        provider=provider, created_by=staff, filename="u.csv", status="writing", rows_total=200, rows_done=50
    )
    login_staff(client, staff)
    url = f"/instytucja/uslugi/import/{job.pk}/"

    page = client.get(url).content.decode()
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert 'hx-trigger="every 2s"' in part
    assert part.strip() in page  # the part HTMX swaps in is the page's own
    assert '<div aria-live="polite">' in page
    assert f'<a href="{url}">' in part  # without JavaScript: a link that loads the page again
    assert 'value="50" max="200"' in part
    ImportJob.objects.filter(pk=job.pk).update(status="done", rows_done=200, cards_created=200)
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in part
    assert "200" in part


def test_another_provider_cannot_see_a_job(provider, client, login_staff):
    job = ImportJob.objects.create(
        provider=provider, created_by=provider_staff_of(provider), filename="u.csv"
    )
    other = ProviderFactory()
    login_staff(client, provider_staff_of(other))

    assert client.get(f"/instytucja/uslugi/import/{job.pk}/").status_code == 404


ROWS = 2000


def test_a_participant_logs_in_while_a_large_import_writes(database_template, db, tmp_path):  # noqa: F811
    """The issue's case: a 2 000-row import on a file database (a writer waits for the lock up to
    the busy timeout, here 5 s) and a participant logging in meanwhile. Each login starts while
    the job is writing and must succeed: the job holds the lock one batch at a time."""
    with database_file(database_template, tmp_path / "kierunek.sqlite3", busy_timeout=5.0):
        provider = ProviderFactory()
        participant = ParticipantFactory()
        rows = [row(title=f"Kurs {number}") for number in range(ROWS)]
        job = ImportJob.objects.create(
            provider=provider, created_by=provider_staff_of(provider), filename="u.csv", content=as_csv(rows)
        )

        def run() -> None:
            try:
                import_jobs.import_job_run(job_id=job.pk)
            finally:
                connection.close()  # this thread's own connection

        def status() -> str:
            return ImportJob.objects.values_list("status", flat=True).get(pk=job.pk)

        worker = threading.Thread(target=run)
        worker.start()
        deadline = time.monotonic() + 300
        while status() in ("queued", "validating"):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        answers = []
        while status() == "writing" and time.monotonic() < deadline:
            response = Client().post(
                "/logowanie/", {"username": participant.email, "password": DEFAULT_PASSWORD}
            )
            answers.append((response.status_code, response.get("Retry-After")))
        worker.join(timeout=max(1.0, deadline - time.monotonic()))

        assert not worker.is_alive()
        assert answers  # at least one login started while the job was writing
        assert set(answers) == {(302, None)}
        job.refresh_from_db()
        assert (job.status, job.cards_created) == ("done", ROWS)
        assert ServiceCard.objects.filter(provider=provider, staged_in=None).count() == ROWS


def test_the_daily_sweep_fails_every_lost_job_and_removes_what_it_staged(provider):
    """A provider who never imports again still gets the lost job failed and its cards removed."""
    from django.core.management import call_command

    staff = provider_staff_of(provider)
    lost = ImportJob.objects.create(
        provider=provider, created_by=staff, filename="u.csv", status=ImportJobStatus.WRITING, rows_total=1
    )
    recent = ImportJob.objects.create(
        provider=provider, created_by=staff, filename="v.csv", status=ImportJobStatus.WRITING, rows_total=1
    )
    ImportJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=2))
    cards = importexport.cards_import_check(provider=provider, rows=[row(title="Zgubiona")])
    staged = importexport.cards_import_write(
        provider=provider, cards=cards, actor=Actor.of(staff), staged_in=lost, batch_size=1
    )

    call_command("catalogue_daily", stdout=io.StringIO())

    lost.refresh_from_db()
    recent.refresh_from_db()
    assert (lost.status, recent.status) == ("failed", "writing")  # a job still within the hour may be working
    assert not ServiceCard.objects.filter(pk__in=[card.pk for card in staged]).exists()
