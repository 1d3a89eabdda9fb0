import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from kierunek.core.audit import audit_record
from kierunek.core.models import AppendOnlyError, AuditEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_actor_object_time_and_address():
    user = UserFactory(email="aktor@test.example")
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = user

    event = audit_record(action="participant.file_read", obj=user, request=request, details={"why": "review"})

    event.refresh_from_db()
    assert event.actor_id == user.pk
    assert event.actor_label == "aktor@test.example"
    assert event.object_type == "accounts.user"
    assert event.object_id == str(user.pk)
    assert event.ip_address == "10.1.2.3"
    assert event.occurred_at is not None
    assert event.details == {"why": "review"}


def test_the_orm_refuses_to_change_or_remove_events():
    event = audit_record(action="x.happened")
    event.action = "y.happened"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="z")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "x.happened"


def test_the_database_refuses_update_even_from_raw_sql():
    event = audit_record(action="x.happened")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["forged", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "x.happened"


def test_history_survives_removing_the_account():
    user = UserFactory()
    event = audit_record(action="account.login", actor=user)
    user.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_label == user.email
