"""Providers sign up themselves: one public form creates the person's account and the institution
(all or nothing), answers the same for a known e-mail, is limited per address like the
participants' registration, and the officer approves as before."""

import re

import pytest
from django.core import mail

from kierunek.accounts.models import Role, User
from kierunek.core.models import AuditEvent
from kierunek.providers.models import Provider, ProviderMember, ProviderStatus
from tests.accounts.factories import StaffUserFactory
from tests.pages import text
from tests.providers.factories import ProviderFactory
from tests.providers.test_providers import registration

pytestmark = pytest.mark.django_db

SIGNUP = "/instytucje/zaloz-konto/"


def signup_data(**overrides):
    return {
        **registration(),
        "first_name": "Iwona",
        "last_name": "Żak",
        "person_email": "iwona@akademia.example",
        **overrides,
    }


def test_the_page_is_public_and_linked_from_the_login_page(client):
    assert client.get(SIGNUP).status_code == 200
    assert f'href="{SIGNUP}"' in text(client.get("/logowanie/"))


def test_one_form_creates_the_account_and_the_pending_institution(client, django_capture_on_commit_callbacks):
    data = signup_data()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, data)

    assert response.status_code == 302
    assert response.url == SIGNUP + "wyslano/"
    user = User.objects.get(email="iwona@akademia.example")
    provider = Provider.objects.get(nip=data["nip"])
    assert (user.role, user.first_name, user.has_usable_password()) == (Role.PROVIDER_STAFF, "Iwona", False)
    assert provider.status == ProviderStatus.PENDING
    assert ProviderMember.objects.get(provider=provider).user == user
    assert ProviderMember.objects.get(provider=provider).is_owner
    assert AuditEvent.objects.filter(action="provider.registered", actor=user).exists()
    (message,) = [m for m in mail.outbox if "iwona@akademia.example" in m.to]
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert link  # the link to choose a password, which also proves the address
    assert client.get(link.group(1), follow=True).status_code == 200


def test_a_bad_institution_writes_nothing_not_even_the_account(client):
    taken = ProviderFactory()
    response = client.post(SIGNUP, signup_data(nip=taken.nip))

    assert "A provider with this NIP is already registered." in text(response) or "NIP" in text(response)
    assert not User.objects.filter(email="iwona@akademia.example").exists()
    assert Provider.objects.count() == 1
    assert "iwona@akademia.example" in text(response)  # what the person typed is kept


def test_a_known_email_gets_the_same_answer_and_its_owner_is_told(client, django_capture_on_commit_callbacks):
    owner = StaffUserFactory(role=Role.PROVIDER_STAFF, email="iwona@akademia.example")
    data = signup_data()
    other = registration()
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(
            SIGNUP, signup_data(person_email="nowa@akademia.example", nip=other["nip"], regon=other["regon"])
        )
        known = client.post(SIGNUP, data)

    assert known.status_code == new.status_code == 302
    assert known.url == new.url
    assert not Provider.objects.filter(nip=data["nip"]).exists()
    assert User.objects.filter(email__iexact="iwona@akademia.example").count() == 1
    told = [m for m in mail.outbox if owner.email in m.to]
    assert len(told) == 1
    assert "already has an account" in told[0].body or "ma już konto" in told[0].body


def test_sign_ups_are_limited_per_address(client, settings):
    settings.KIERUNEK_REGISTRATION_LIMIT = 2
    for number in range(2):
        client.post(
            SIGNUP,
            signup_data(
                person_email=f"osoba{number}@example.org",
                nip=registration()["nip"],
                regon=registration()["regon"],
            ),
        )
    response = client.post(SIGNUP, signup_data(person_email="trzecia@example.org"))
    assert response.status_code == 429
    assert not User.objects.filter(email="trzecia@example.org").exists()


def test_the_officer_approves_a_signed_up_institution(client, staff_client):
    data = signup_data()
    client.post(SIGNUP, data)
    provider = Provider.objects.get(nip=data["nip"])

    officer_client, _officer = staff_client(Role.OFFICER)
    officer_client.post(f"/urzad/instytucje/{provider.pk}/", {"decision": "approve", "reason": ""})

    provider.refresh_from_db()
    assert provider.status == ProviderStatus.APPROVED


def test_an_empty_sign_up_shows_a_focused_error_summary_linking_the_fields(client):
    response = client.post(SIGNUP, {"first_name": "", "person_email": ""})
    assert response.status_code == 200
    page = text(response)
    summary = re.search(r'<div role="alert"[^>]*id="form-errors"[^>]*>(.*?)</div>', page, re.S)
    assert summary is not None
    assert 'tabindex="-1"' in summary.group(0)
    assert "autofocus" in summary.group(0)
    assert 'href="#id_person_email"' in summary.group(1)
