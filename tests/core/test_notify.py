"""E-mails go out through a background task after the transaction commits: with the database
backend a message waits in the task queue until the worker (``manage.py db_worker``) sends it,
and a change that rolled back sends nothing."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kierunek.core.notify import notify

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_notification_waits_in_the_queue_until_the_worker_sends_it(settings):
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        notify(
            recipients=["ala@example.org", "jan@example.org"],
            subject="Your booking",
            template="vouchers/email/refused.txt",
            context={"order": None},
        )
        assert DBTaskResult.objects.count() == 0  # nothing before the commit

    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert sorted(m.to[0] for m in mail.outbox) == ["ala@example.org", "jan@example.org"]
    assert all(m.subject == "Kierunek: Twoja rezerwacja" for m in mail.outbox)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_change_that_rolled_back_sends_nothing(settings):
    settings.TASKS = DATABASE_TASKS

    def change_that_fails() -> None:
        with transaction.atomic():
            notify(recipients=["ala@example.org"], subject="Your booking", template="t.txt", context={})
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []
