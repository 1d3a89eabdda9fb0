"""The administrator's audit log: filters on a GET form (who, what happened, from and to which day,
which object), pages that keep the filters, and every action and object type by its label in the
reader's language; every declared action has a label, translated."""

import importlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

import kierunek
from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_log import PAGE_SIZE
from kierunek.core.audit_registry import registered_audit_actions
from tests.accounts.factories import StaffUserFactory
from tests.pages import text

pytestmark = pytest.mark.django_db

URL = "/administracja/dziennik/"


@pytest.fixture
def admin(staff_client):
    client, _user = staff_client(Role.ADMINISTRATOR)
    return client


@pytest.fixture
def events():
    ola, jan = StaffUserFactory(email="ola.operator@test.example"), StaffUserFactory(email="jan@test.example")
    target, other = StaffUserFactory(), StaffUserFactory()
    audit_record(action="vouchers.batch_paid", actor=Actor.of(ola), obj=target)
    audit_record(action="account.staff_created", actor=Actor.of(jan), obj=other)
    return ola, jan, target, other


def rows(response) -> list:
    return response.context["events"]


def test_the_log_shows_labels_in_polish_not_codes_alone(admin, events):
    page = text(admin.get(URL))
    assert "Paczka przelewów potwierdzona jako opłacona wyciągiem bankowym" in page
    assert "Utworzono konto pracownika" in page
    assert "Użytkownik" in page or "użytkownik" in page.lower()  # accounts.user by its model name


def test_the_log_filters_by_who_and_by_what(admin, events):
    ola, _jan, _target, _other = events
    by_who = rows(admin.get(URL, {"who": "ola.operator"}))
    assert [event.actor_label for event, _label, _type in by_who] == [ola.email]
    by_what = rows(admin.get(URL, {"action": "account.staff_created"}))
    assert [event.action for event, _label, _type in by_what] == ["account.staff_created"]


def test_the_log_filters_by_object(admin, events):
    _ola, _jan, target, _other = events
    found = rows(admin.get(URL, {"object_type": "accounts.user", "object_id": str(target.pk)}))
    assert [(e.action, e.object_id) for e, _label, _type in found] == [
        ("vouchers.batch_paid", str(target.pk))
    ]


def test_the_log_filters_by_day(admin, events):
    today = timezone.localdate()
    assert len(rows(admin.get(URL, {"date_from": today.isoformat(), "date_to": today.isoformat()}))) >= 2
    assert rows(admin.get(URL, {"date_from": (today + timedelta(days=1)).isoformat()})) == []
    assert rows(admin.get(URL, {"date_to": (today - timedelta(days=1)).isoformat()})) == []


def test_a_wrong_filter_is_a_field_error_not_a_crash(admin, events):
    today = timezone.localdate()
    response = admin.get(
        URL, {"date_from": today.isoformat(), "date_to": (today - timedelta(days=2)).isoformat()}
    )
    assert response.status_code == 200
    assert "Ostatni dzień nie może być wcześniejszy niż pierwszy." in text(response)
    assert admin.get(URL, {"date_from": "jutro", "action": "no.such_action"}).status_code == 200


def test_pages_keep_the_filters(admin):
    actor = Actor.of(StaffUserFactory())
    for _ in range(PAGE_SIZE + 3):
        audit_record(action="vouchers.batch_built", actor=actor)
    audit_record(action="vouchers.batch_sent", actor=actor)
    first = admin.get(URL, {"action": "vouchers.batch_built"})
    assert len(rows(first)) == PAGE_SIZE
    assert "?action=vouchers.batch_built&amp;page=2" in text(first)
    second = admin.get(URL, {"action": "vouchers.batch_built", "page": 2})
    assert len(rows(second)) >= 3
    assert all(event.action == "vouchers.batch_built" for event, _label, _type in rows(second))


def declared_actions() -> list[str]:
    """The actions the contexts declare (their ``audit_actions`` modules), not the tests' toys."""
    names = []
    for path in sorted(Path(kierunek.__file__).parent.glob("*/audit_actions.py")):
        module = importlib.import_module(f"kierunek.{path.parent.name}.audit_actions")
        names += [v for v in vars(module).values() if isinstance(v, str) and v in registered_audit_actions()]
    return names


def test_every_declared_action_has_a_label_in_polish():
    actions = registered_audit_actions()
    declared = declared_actions()
    assert len(declared) > 100
    assert [name for name in declared if not actions[name].label] == []

    def in_(language, label):
        with translation.override(language):
            return str(label)

    assert [
        name for name in declared if in_("pl", actions[name].label) == in_("en", actions[name].label)
    ] == []


def test_only_the_administrator_reads_the_log(staff_client):
    client, _user = staff_client(Role.OFFICER)
    assert client.get(reverse("accounts:audit_log")).status_code == 403


def test_third_party_object_types_have_polish_names(admin):
    user = StaffUserFactory()
    device = TOTPDevice.objects.create(user=user, name="telefon")
    audit_record(action="account.staff_created", actor=Actor.of(user), obj=device)
    page = text(admin.get(URL))
    assert "TOTP device" not in page
    assert "Urządzenie TOTP (aplikacja uwierzytelniająca)" in page
