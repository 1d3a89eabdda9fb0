import re
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.accounts.domain import DEMO_OTP_DEVICE_NAME, demo_totp_key
from kierunek.accounts.middleware import LAST_SEEN_KEY
from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.models import AuditEvent
from tests.accounts.factories import (
    DEFAULT_PASSWORD,
    ParticipantFactory,
    StaffUserFactory,
    UserFactory,
    current_code,
)

pytestmark = pytest.mark.django_db

VALID_PESEL = "44051401359"


def registration_data(**overrides):
    data = {
        "first_name": "Zofia",
        "last_name": "Kowalczyk",
        "email": "zofia@test.example",
        "pesel": VALID_PESEL,
        "password1": "Mocne-Haslo-2026",
        "password2": "Mocne-Haslo-2026",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def _activation_link(message) -> str:
    return next(line for line in message.body.splitlines() if "/rejestracja/aktywuj/" in line).split("8000")[
        -1
    ]


class TestRegistration:
    def test_participant_registers_activates_and_is_logged_in(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/rejestracja/", registration_data())

        assert response.status_code == 302
        assert response.url == "/rejestracja/wyslano/"
        assert "_auth_user_id" not in client.session
        user = User.objects.get(email="zofia@test.example")
        assert not user.is_active
        assert [m.to for m in mail.outbox] == [["zofia@test.example"]]
        link = _activation_link(mail.outbox[0])
        assert client.get(link).status_code == 200  # opening the link (a mail scanner) changes nothing
        user.refresh_from_db()
        assert not user.is_active
        assert client.post(link).status_code == 302
        user.refresh_from_db()
        assert user.is_active
        assert client.post(link).status_code == 400  # the link works once
        assert user.role == Role.PARTICIPANT
        assert user.password.startswith("argon2$")
        profile = user.participant_profile
        assert profile.pesel == VALID_PESEL
        assert str(profile.birth_date) == "1944-05-14"
        assert profile.sex == "M"
        assert user.consents.get().text_version
        assert AuditEvent.objects.filter(action="account.registered", actor_label=user.email).exists()
        assert client.get("/panel/").url == "/panel/uczestnik/"

    def test_pesel_is_encrypted_in_the_database(self, client):
        client.post("/rejestracja/", registration_data())
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pesel, pesel_hash FROM accounts_participantprofile")
            stored, lookup = cursor.fetchone()
        assert VALID_PESEL not in stored
        assert VALID_PESEL not in lookup

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("pesel", "44051401358", "cyfra kontrolna"),
            ("pesel", "1234", "11 cyfr"),
            ("email", "nie-email", "adres email"),
            ("password2", "Inne-Haslo-2026", "różnią się"),
            ("password1", "12345678901", "hasło"),
            ("accept_terms", "", "zaakceptować"),
        ],
    )
    def test_bad_input_is_explained_in_polish_and_nothing_is_written(self, client, field, value, message):
        data = registration_data(**{field: value})
        if field == "password1":
            data["password2"] = value

        response = client.post("/rejestracja/", data)

        assert response.status_code == 200
        assert message.lower() in response.content.decode().lower()
        assert not User.objects.exists()
        assert not ParticipantProfile.objects.exists()

    def test_same_pesel_cannot_register_twice_and_the_owner_is_told(
        self, client, django_capture_on_commit_callbacks
    ):
        owner = ParticipantFactory(profile=VALID_PESEL)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/rejestracja/", registration_data())

        assert response.status_code == 302
        assert response.url == "/rejestracja/wyslano/"
        assert User.objects.count() == 1
        assert [m.to for m in mail.outbox] == [[owner.email]]
        assert "PESEL" in mail.outbox[0].body

    def test_english_messages_when_english_is_chosen(self, client):
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})

        response = client.post("/rejestracja/", registration_data(pesel="44051401358"))

        assert "check digit" in response.content.decode()

    def test_a_known_email_or_pesel_gets_the_same_answer_as_a_new_one(self, client):
        ParticipantFactory(email="znana@test.example", profile="02270803624")
        answers = []
        for data in (
            registration_data(email="nowa@test.example", pesel="44051401359"),
            registration_data(email="ZNANA@test.example", pesel="85031501234"),
            registration_data(email="inna@test.example", pesel="02270803624"),
        ):
            client.cookies.clear()
            response = client.post("/rejestracja/", data, follow=True)
            page = re.sub(rb'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', b"", response.content)
            answers.append((response.status_code, response.redirect_chain, page))
        assert answers[0] == answers[1] == answers[2]
        assert User.objects.count() == 2
        assert AuditEvent.objects.filter(action="account.registration_repeated").count() == 2

    def test_registration_is_rate_limited_per_address(self, client, settings):
        settings.KIERUNEK_REGISTRATION_LIMIT = 3
        for n in range(3):
            client.post("/rejestracja/", registration_data(email=f"r{n}@test.example", pesel="44051401359"))

        response = client.post(
            "/rejestracja/", registration_data(email="r9@test.example", pesel="85031501234")
        )

        assert response.status_code == 429
        assert "Zbyt wiele prób rejestracji" in response.content.decode()
        assert not User.objects.filter(email="r9@test.example").exists()

    def test_only_participants_can_register_the_form_has_no_role(self, client):
        client.post("/rejestracja/", registration_data(role=Role.ADMINISTRATOR))

        assert User.objects.get().role == Role.PARTICIPANT


class TestLogin:
    def test_session_key_rotates_at_login(self, client):
        user = UserFactory()
        client.get("/logowanie/")
        client.session.save()
        before = client.session.session_key

        response = client.post("/logowanie/", {"username": user.email, "password": DEFAULT_PASSWORD})

        assert response.status_code == 302
        assert client.session.session_key != before
        assert AuditEvent.objects.filter(action="account.logged_in", actor_label=user.email).exists()

    def test_lockout_after_five_failures_even_with_the_right_password(self, client):
        user = UserFactory()
        for _attempt in range(5):
            response = client.post("/logowanie/", {"username": user.email, "password": "zle-haslo"})
        assert AccessAttempt.objects.filter(username=user.email).exists()

        response = client.post("/logowanie/", {"username": user.email, "password": DEFAULT_PASSWORD})

        assert response.status_code == 429
        assert "Zbyt wiele nieudanych prób" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_email_is_not_case_sensitive_at_login_or_in_the_lockout(self, client):
        user = UserFactory(email="ala@test.example")
        for _attempt in range(5):
            client.post("/logowanie/", {"username": "ALA@Test.example", "password": "zle-haslo"})

        locked = client.post("/logowanie/", {"username": "ala@test.example", "password": DEFAULT_PASSWORD})
        assert locked.status_code == 429
        AccessAttempt.objects.all().delete()

        response = client.post("/logowanie/", {"username": " Ala@TEST.example", "password": DEFAULT_PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_password_spraying_from_one_address_is_stopped(self, client, settings):
        settings.KIERUNEK_LOGIN_FAILURES_PER_IP = 6
        victims = [UserFactory() for _n in range(4)]
        for victim in victims[:3]:
            for _attempt in range(2):
                client.post("/logowanie/", {"username": victim.email, "password": "Wiosna2026!"})

        # The fourth account has never failed, yet the address is blocked as a whole.
        response = client.post("/logowanie/", {"username": victims[3].email, "password": DEFAULT_PASSWORD})

        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        other = client.post(
            "/logowanie/",
            {"username": victims[3].email, "password": DEFAULT_PASSWORD},
            REMOTE_ADDR="10.9.8.7",
        )
        assert other.status_code == 302

    def test_wrong_password_says_so_without_telling_which_part(self, client):
        user = UserFactory()
        response = client.post("/logowanie/", {"username": user.email, "password": "zle-haslo"})
        assert "Nieprawidłowy adres e-mail lub hasło" in response.content.decode()


class TestTwoFactor:
    def test_staff_without_device_must_enrol_before_anything_else(self, client):
        officer = StaffUserFactory(role=Role.OFFICER)
        client.post("/logowanie/", {"username": officer.email, "password": DEFAULT_PASSWORD})

        response = client.get("/panel/urzednik/")
        assert response.status_code == 302
        assert response.url.startswith("/konto/2fa/konfiguracja/")
        assert client.get("/api/v1/me").status_code == 403

        page = client.get("/konto/2fa/konfiguracja/")
        assert b"<svg" in page.content  # the QR code, inline
        device = TOTPDevice.objects.get(user=officer, confirmed=False)
        response = client.post("/konto/2fa/konfiguracja/", {"token": f"{current_code(device):06d}"})

        # Enrolment ends on the one page that shows the new backup codes.
        assert response.status_code == 200
        codes = StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
        assert len(codes) == 10
        assert all(code in response.content.decode() for code in codes)
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/panel/urzednik/").status_code == 200

    def test_staff_with_device_must_give_the_code(self, client):
        officer = StaffUserFactory(role=Role.FINANCIAL_OPERATOR)
        device = TOTPDevice.objects.create(user=officer, name="default", confirmed=True)
        client.post("/logowanie/", {"username": officer.email, "password": DEFAULT_PASSWORD})

        assert client.get("/panel/operator/").url.startswith("/konto/2fa/?next=")
        wrong = client.post("/konto/2fa/", {"token": "000000" if current_code(device) else "111111"})
        assert wrong.status_code == 200
        assert client.get("/panel/operator/").status_code == 302
        # A wrong code makes the device wait before the next try; the person waits it out.
        device.refresh_from_db()
        assert device.throttling_failure_count == 1
        device.throttle_reset()

        client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"})

        assert client.get("/panel/operator/").status_code == 200
        assert AuditEvent.objects.filter(action="account.otp_verified").exists()

    def test_participants_do_not_need_a_second_factor(self, client):
        participant = ParticipantFactory()
        client.post("/logowanie/", {"username": participant.email, "password": DEFAULT_PASSWORD})
        assert client.get("/panel/uczestnik/").status_code == 200

    def test_demo_devices_are_refused_when_settings_forbid_them(self, client, settings):
        settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES = False
        officer = StaffUserFactory(role=Role.OFFICER, email="urzednik@kierunek.example")
        device = TOTPDevice.objects.create(
            user=officer, name=DEMO_OTP_DEVICE_NAME, key=demo_totp_key(officer.email), confirmed=True
        )
        client.post("/logowanie/", {"username": officer.email, "password": DEFAULT_PASSWORD})

        client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"})

        assert client.get("/panel/urzednik/").status_code == 302

    def test_staff_are_logged_out_after_thirty_idle_minutes(self, staff_client):
        client, _officer = staff_client(Role.OFFICER)
        assert client.get("/panel/urzednik/").status_code == 200
        session = client.session
        session[LAST_SEEN_KEY] = time.time() - 31 * 60
        session.save()

        response = client.get("/panel/urzednik/")

        assert response.status_code == 302
        assert response.url.startswith("/logowanie/")
        assert "_auth_user_id" not in client.session

    def test_participants_are_not_logged_out_after_thirty_minutes(self, client):
        participant = ParticipantFactory()
        client.force_login(participant)
        session = client.session
        session[LAST_SEEN_KEY] = time.time() - 31 * 60
        session.save()
        assert client.get("/panel/uczestnik/").status_code == 200

    def test_repeated_wrong_codes_are_slowed_down(self, client):
        officer = StaffUserFactory(role=Role.AUDITOR)
        device = TOTPDevice.objects.create(user=officer, name="default", confirmed=True)
        client.post("/logowanie/", {"username": officer.email, "password": DEFAULT_PASSWORD})
        wrong = "000000" if current_code(device) else "111111"
        client.post("/konto/2fa/", {"token": wrong})

        response = client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"})

        assert "Zbyt wiele błędnych kodów" in response.content.decode()
        assert client.get("/panel/audytor/").status_code == 302


class TestPasswordReset:
    def test_reset_link_by_email_sets_a_new_password(self, client):
        user = UserFactory(email="reset@test.example")

        client.post("/haslo/reset/", {"email": "reset@test.example"})

        assert len(mail.outbox) == 1
        link = next(line for line in mail.outbox[0].body.splitlines() if "/haslo/reset/" in line)
        path = link.split("://", 1)[1].split("/", 1)[1]
        form_page = client.get("/" + path, follow=True)
        set_url = form_page.redirect_chain[-1][0]
        client.post(set_url, {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"})
        user.refresh_from_db()
        assert user.check_password("Nowe-Haslo-2026!")

    def test_unknown_email_gets_the_same_answer_and_no_mail(self, client):
        response = client.post("/haslo/reset/", {"email": "nikt@test.example"})
        assert response.status_code == 302
        assert mail.outbox == []


class TestStaffAccounts:
    def test_administrator_creates_staff_account_in_admin_and_person_gets_email(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        client, admin = staff_client(Role.ADMINISTRATOR)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/admin/accounts/user/add/",
                {
                    "email": "doradca.nowy@test.example",
                    "first_name": "Ola",
                    "last_name": "Nowa",
                    "role": Role.ADVISOR,
                },
            )

        assert response.status_code == 302, response.content.decode()[:2000]
        created = User.objects.get(email="doradca.nowy@test.example")
        assert created.role == Role.ADVISOR
        assert not created.has_usable_password()
        email = mail.outbox[-1]
        assert email.to == ["doradca.nowy@test.example"]
        link = next(line for line in email.body.splitlines() if "/haslo/reset/" in line)
        client.logout()
        form_page = client.get(link.split(settings.KIERUNEK_SITE_URL, 1)[1], follow=True)
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"},
        )
        created.refresh_from_db()
        assert created.check_password("Nowe-Haslo-2026!")
        assert AuditEvent.objects.filter(action="account.staff_created", actor_label=admin.email).exists()


class TestLanguage:
    def test_polish_whatever_the_browser_asks_for(self, client):
        response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
        assert '<html lang="pl"' in response.content.decode()
        assert "Jak to działa" in response.content.decode()

    def test_the_switch_remembers_english(self, client):
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
        assert '<html lang="en"' in response.content.decode()
        assert '<html lang="en"' in client.get("/logowanie/").content.decode()


class TestPasswordChange:
    def test_logged_in_person_changes_password(self, client):
        user = ParticipantFactory()
        client.force_login(user)
        response = client.post(
            "/konto/haslo/",
            {
                "old_password": DEFAULT_PASSWORD,
                "new_password1": "Inne-Mocne-2026",
                "new_password2": "Inne-Mocne-2026",
            },
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password("Inne-Mocne-2026")
        assert client.get("/panel/uczestnik/").status_code == 200  # still logged in: session hash updated
