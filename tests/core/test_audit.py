import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from kierunek.accounts.models import Role
from kierunek.accounts.services import api_token_create
from kierunek.core import personal_data
from kierunek.core.admin import PersonalDataAuditedAdmin
from kierunek.core.audit import audit_record
from kierunek.core.audit_registry import audit_action
from kierunek.core.models import AppendOnlyError, AuditEvent
from tests.accounts.factories import ParticipantFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

audit_action("x.happened")  # a made-up action for the log's own tests


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
    event = audit_record(action="account.logged_in", actor=user)
    user.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_label == user.email


# --- the admin's reads of people's data -------------------------------------------------------


@pytest.fixture
def admin_client(client, login_staff):
    administrator = StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    login_staff(client, administrator)
    return client, administrator


def test_the_admins_list_of_users_is_a_read_of_everyone_shown(admin_client):
    client, administrator = admin_client
    participants = [ParticipantFactory() for _ in range(2)]

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 200
    (read,) = AuditEvent.objects.filter(action="participant.list_read")
    assert read.actor_id == administrator.pk
    assert read.details["list"] == "admin:accounts.user"
    assert {p.pk for p in participants} <= set(read.details["participants"])


def test_opening_a_person_in_the_admin_is_a_file_read(admin_client):
    client, administrator = admin_client
    participant = ParticipantFactory()

    assert client.get(f"/admin/accounts/user/{participant.pk}/change/").status_code == 200

    (read,) = AuditEvent.objects.filter(action="participant.file_read")
    assert (read.actor_id, read.object_type, read.object_id) == (
        administrator.pk,
        "accounts.user",
        str(participant.pk),
    )
    assert read.details == {"participant": participant.pk, "what": "admin"}


def test_an_api_tokens_list_in_the_admin_names_the_tokens_owners(admin_client):
    client, _administrator = admin_client
    participant = ParticipantFactory()
    api_token_create(user=participant, name="skrypt")

    assert client.get("/admin/accounts/apitoken/").status_code == 200

    (read,) = AuditEvent.objects.filter(action="participant.list_read")
    assert read.details["participants"] == [participant.pk]


def test_admins_of_people_are_audited_and_admins_of_reference_data_are_not():
    """Every admin of a model the personal-data export covers audits its reads."""
    covered = {label for c in personal_data.contributions() for label in c.models}
    for model, model_admin in admin.site._registry.items():
        if model._meta.label in covered:
            assert isinstance(model_admin, PersonalDataAuditedAdmin), model._meta.label
