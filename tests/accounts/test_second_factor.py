"""The second factor is a state of the session, not a page: a password alone never sees a secret,
never adds a device and never reaches anything but the code page. Changes of devices need the
current factor, are audited and tell the owner; recovery goes through backup codes or an
administrator."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.api import api
from kierunek.accounts.domain import hex_key_to_base32
from kierunek.accounts.models import STAFF_ROLES, Role
from kierunek.accounts.services import otp_backup_codes_generate
from kierunek.core.models import AuditEvent
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code

pytestmark = pytest.mark.django_db


def _password_only(client, user):
    response = client.post("/logowanie/", {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def _api_routes() -> list[tuple[str, str]]:
    """Every (method, path) of the API, path parameters filled with 1."""
    schema = api.get_openapi_schema()
    routes = []
    for path, operations in schema["paths"].items():
        for method in operations:
            concrete = path
            for part in path.split("/"):
                if part.startswith("{"):
                    concrete = concrete.replace(part, "1")
            routes.append((method.upper(), concrete))
    return routes


def _secrets_of(user) -> list[str]:
    return [hex_key_to_base32(d.key) for d in TOTPDevice.objects.filter(user=user)]


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_a_password_only_session_can_neither_see_a_secret_nor_add_a_device(client, role):
    user = StaffUserFactory(role=role)
    device = confirmed_totp_device(user)
    _password_only(client, user)

    page = client.get("/konto/2fa/konfiguracja/")
    assert page.status_code == 302
    assert page.url.startswith(reverse("accounts:otp_verify"))
    # A POST with a code of an app the attacker just scanned (if they could) adds nothing either.
    posted = client.post("/konto/2fa/konfiguracja/", {"token": "123456", "current_token": "123456"})
    assert posted.status_code == 302
    assert list(TOTPDevice.objects.filter(user=user)) == [device]
    assert client.get("/konto/2fa/urzadzenia/").status_code == 302
    assert client.get("/konto/tokeny/").status_code == 302

    for method, path in _api_routes():
        response = client.generic(method, f"/api/v1{path}", "{}", content_type="application/json")
        assert response.status_code == 403, (method, path, response.status_code)
        body = response.content.decode()
        assert "Two-factor login required" in body, (method, path)
        for secret in _secrets_of(user):
            assert secret not in body

    assert not AuditEvent.objects.filter(action="account.otp_enrolled").exists()
    assert client.get("/admin/").status_code == 302


def test_enrolment_is_offered_to_an_account_without_a_second_factor(client):
    user = StaffUserFactory(role=Role.ADVISOR)
    _password_only(client, user)

    page = client.get("/konto/2fa/konfiguracja/")

    assert page.status_code == 200
    assert _secrets_of(user)[0] in page.content.decode()


@pytest.fixture
def verified_officer(client):
    user = StaffUserFactory(role=Role.OFFICER)
    device = confirmed_totp_device(user)
    _password_only(client, user)
    assert client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"}).status_code == 302
    mail.outbox.clear()
    return client, user, device


def test_a_second_app_needs_a_code_of_the_first(verified_officer, django_capture_on_commit_callbacks):
    client, user, first = verified_officer
    page = client.get("/konto/2fa/konfiguracja/")
    assert page.status_code == 200
    new = TOTPDevice.objects.get(user=user, confirmed=False)

    refused = client.post(
        "/konto/2fa/konfiguracja/", {"current_token": "00000000", "token": f"{current_code(new):06d}"}
    )
    assert refused.status_code == 200
    assert "To nie jest aktualny kod" in refused.content.decode()
    new.refresh_from_db()
    assert not new.confirmed
    first.refresh_from_db()
    first.throttle_reset()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(
            "/konto/2fa/konfiguracja/",
            {"current_token": f"{current_code(first):06d}", "token": f"{current_code(new):06d}"},
        )

    assert accepted.status_code == 302
    new.refresh_from_db()
    assert new.confirmed
    assert AuditEvent.objects.filter(action="account.otp_enrolled", actor=user).count() == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    # Adding an app keeps the backup codes the person already has.
    assert not StaticDevice.objects.filter(user=user).exists()


def test_removing_an_app_needs_the_current_factor_and_staff_keep_one(
    verified_officer, django_capture_on_commit_callbacks
):
    client, user, first = verified_officer
    second = TOTPDevice.objects.create(user=user, name="app-2", confirmed=True)

    wrong = client.post(
        "/konto/2fa/urzadzenia/", {"action": "remove", "device": second.pk, "remove-current_token": "999999"}
    )
    assert wrong.status_code == 200
    assert TOTPDevice.objects.filter(pk=second.pk).exists()
    for device in TOTPDevice.objects.filter(user=user):
        device.throttle_reset()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/konto/2fa/urzadzenia/",
            {"action": "remove", "device": second.pk, "remove-current_token": f"{current_code(first):06d}"},
        )
    assert not TOTPDevice.objects.filter(pk=second.pk).exists()
    assert AuditEvent.objects.filter(action="account.otp_device_removed", actor=user).count() == 1
    assert len(mail.outbox) == 1

    last = client.post(
        "/konto/2fa/urzadzenia/",
        {"action": "remove", "device": first.pk, "remove-current_token": f"{current_code(first):06d}"},
    )
    assert "Najpierw dodaj nową aplikację" in last.content.decode()
    assert TOTPDevice.objects.filter(pk=first.pk).exists()


def test_a_backup_code_opens_one_login_and_the_owner_is_told(client, django_capture_on_commit_callbacks):
    user = StaffUserFactory(role=Role.FINANCIAL_OPERATOR)
    device = confirmed_totp_device(user)
    codes = otp_backup_codes_generate(user=user)
    _password_only(client, user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/2fa/", {"token": codes[0]})

    assert response.status_code == 302
    assert client.get("/panel/operator/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    assert AuditEvent.objects.filter(action="account.otp_backup_code_used", actor=user).exists()
    assert mail.outbox[-1].to == [user.email]
    client.logout()
    _password_only(client, user)
    again = client.post("/konto/2fa/", {"token": codes[0]})
    assert again.status_code == 200
    assert client.get("/panel/operator/").status_code == 302
    assert device.confirmed


def test_new_backup_codes_need_a_code_from_the_app(verified_officer):
    client, user, device = verified_officer

    refused = client.post(
        "/konto/2fa/urzadzenia/", {"action": "backup_codes", "codes-current_token": "000000"}
    )
    assert refused.status_code == 200
    assert not StaticToken.objects.filter(device__user=user).exists()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the app wait a moment; the person waits it out

    shown = client.post(
        "/konto/2fa/urzadzenia/",
        {"action": "backup_codes", "codes-current_token": f"{current_code(device):06d}"},
    )

    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in shown.content.decode() for code in codes)
    assert not any(code in client.get("/konto/2fa/urzadzenia/").content.decode() for code in codes)
    assert AuditEvent.objects.filter(action="account.otp_backup_codes_generated", actor=user).exists()


def test_an_administrator_resets_a_lost_factor_audited_and_the_owner_is_told(
    client, login_staff, django_capture_on_commit_callbacks
):
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    login_staff(client, admin)
    person = StaffUserFactory(role=Role.AUDITOR)
    confirmed_totp_device(person)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/accounts/user/",
            {"action": "reset_second_factor", "_selected_action": [person.pk, admin.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert TOTPDevice.objects.filter(user=admin).exists()  # nobody resets their own factor
    event = AuditEvent.objects.get(action="account.otp_reset_by_administrator")
    assert event.actor == admin
    assert event.object_id == str(person.pk)
    assert [m.to for m in mail.outbox] == [[person.email]]
    # At the next login the person enrols a new app.
    client.logout()
    _password_only(client, person)
    assert client.get("/konto/2fa/konfiguracja/").status_code == 200
