"""Templates: every change is a new version (the used one stays as it was, its agreements keep
pointing at it); a new agreement is made from the version in use that day; a placeholder the kind
cannot fill and a non-officer are refused; the officer's pages show the history and save a new
version."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kierunek.agreements import selectors, services
from kierunek.agreements.models import TemplateVersion
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.accounts.factories import StaffUserFactory
from tests.guidance.builders import signed_balance
from tests.pages import text

from . import builders as b

pytestmark = pytest.mark.django_db


def _new_version(programme, officer, *, body="Nowa treść {{ participant_name }}.", valid_from=None):
    return services.template_version_save(
        actor=Actor.of(officer),
        programme_id=programme.pk,
        kind="participation",
        title="Umowa uczestnictwa (wersja 2)",
        body=body,
        legal_basis="Uchwała nr 1/26.",
        valid_from=valid_from or timezone.localdate(),
        note="Nowy § 6.",
    )


def test_a_change_is_a_new_version_and_the_used_one_stays_as_it_was():
    participant = signed_balance().participant
    first = b.participation(participant)
    used = first.version
    before = (used.title, used.body, used.legal_basis, used.valid_from)
    officer = b.officer()

    second = _new_version(first.programme, officer)

    used.refresh_from_db()
    assert (used.title, used.body, used.legal_basis, used.valid_from) == before
    assert second.number == used.number + 1
    assert TemplateVersion.objects.filter(template=used.template).count() == 2
    first.refresh_from_db()
    assert first.version_id == used.pk
    assert AuditEvent.objects.filter(
        action="agreements.template_version_saved", object_id=str(second.pk)
    ).exists()
    # A new agreement is made from the version in use today: the second.
    other = b.participation(signed_balance().participant)
    assert other.version_id == second.pk
    assert "Nowa treść" in other.text


def test_the_version_in_force_is_the_one_that_started_last_and_has_not_ended():
    programme = b.templates()
    officer = b.officer()
    first = selectors.template_version_in_force(
        programme=programme, kind="participation", day=timezone.localdate()
    )
    later = _new_version(programme, officer, valid_from=timezone.localdate() + timedelta(days=10))
    today = timezone.localdate()
    assert selectors.template_version_in_force(programme=programme, kind="participation", day=today) == first
    in_ten = today + timedelta(days=10)
    assert selectors.template_version_in_force(programme=programme, kind="participation", day=in_ten) == later
    assert (
        selectors.template_version_in_force(programme=programme, kind="participation", day=date(2024, 1, 1))
        is None
    )


def test_an_unknown_placeholder_and_a_non_officer_are_refused():
    programme = b.templates()
    count = TemplateVersion.objects.count()
    with pytest.raises(ValidationError) as refused:
        _new_version(programme, b.officer(), body="Dla {{ provider_nip }}.")
    assert "provider_nip" in str(refused.value.message_dict["body"])
    with pytest.raises(PermissionDenied):
        _new_version(programme, StaffUserFactory(role="financial_operator"))
    assert TemplateVersion.objects.count() == count


def test_the_officer_sees_the_history_and_saves_a_new_version_from_the_page(staff_client, english):
    programme = b.templates()
    client, _officer = staff_client("officer")
    page = client.get(reverse("agreements:office_templates"))
    assert page.status_code == 200
    assert "Umowa uczestnictwa w projekcie" in text(page)

    form = client.get(reverse("agreements:office_version_new", args=["participation"]))
    assert "{{ participant_name }}" in text(form)
    response = client.post(
        reverse("agreements:office_version_new", args=["participation"]),
        {
            "title": "Umowa uczestnictwa",
            "body": "Treść {{ participant_name }} i {{ nieznane }}.",
            "legal_basis": "Uchwała.",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "nieznane" in text(response)
    response = client.post(
        reverse("agreements:office_version_new", args=["participation"]),
        {
            "title": "Umowa uczestnictwa",
            "body": "Treść {{ participant_name }}.",
            "legal_basis": "Uchwała.",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    assert (
        TemplateVersion.objects.filter(template__programme=programme, template__kind="participation").count()
        == 2
    )
