"""A person's data: a PESEL is shown only masked and never reaches a response body or a log line;
the export of everything held about them is complete, and readable in its PDF form."""

import io
import json
import logging
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from kierunek.accounts import services as accounts_services
from kierunek.accounts.models import ApiToken, Consent, Role, User
from kierunek.core import personal_data
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.pii import mask_pesel
from kierunek.guidance import selectors as guidance_selectors
from kierunek.guidance import services as guidance_services
from kierunek.programmes import services as programmes_services
from kierunek.programmes.models import Application
from kierunek.programmes.personal_data import participant_data, participant_data_pdf
from kierunek.vouchers import services as vouchers_services
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.guidance.builders import balance_ready_to_sign, eligible_participant, slot
from tests.programmes.helpers import application_in_review
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.vouchers.builders import (
    book,
    confirmed_and_evaluated,
    issued_account,
    package,
    participant_with_plan,
)

pytestmark = pytest.mark.django_db

PESEL = "02270803624"
PORTFOLIO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_pesel_never_appears_in_responses_or_logs(
    client, staff_client, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    bodies = []
    registration = {
        "first_name": "Ewa",
        "last_name": "Zielińska",
        "email": "ewa@test.example",
        "pesel": PESEL,
        "password1": "Mocne-Haslo-2026",
        "password2": "Mocne-Haslo-2026",
        "accept_terms": "on",
    }
    # A failed attempt first: the form re-displays but must not echo the PESEL back.
    bodies.append(client.post("/rejestracja/", {**registration, "password2": "inne"}).content)
    with django_capture_on_commit_callbacks(execute=True):
        bodies.append(client.post("/rejestracja/", registration, follow=True).content)
    # The account starts when the person opens the link from the activation e-mail.
    (message,) = mail.outbox
    bodies.append(message.body.encode())
    link = next(line for line in message.body.split() if "/rejestracja/aktywuj/" in line)
    link = link[link.index("/rejestracja/") :]
    bodies.append(client.get(link).content)
    bodies.append(client.post(link, follow=True).content)
    dashboard = client.get("/panel/uczestnik/")
    bodies.append(dashboard.content)
    bodies.append(client.get("/api/v1/me").content)
    client.logout()
    admin_client, _admin = staff_client(Role.ADMINISTRATOR)
    bodies.append(admin_client.get("/administracja/dziennik/").content)
    bodies.append(admin_client.get("/admin/accounts/user/").content)
    bodies.append(admin_client.get("/api/v1/audit-events").content)

    assert mask_pesel(PESEL).encode() in dashboard.content
    for body in bodies:
        assert PESEL.encode() not in body
    for record in caplog.records:
        assert PESEL not in record.getMessage()


def test_the_log_handler_masks_a_pesel_that_slips_into_a_message(capsys):
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(type(f).__name__ == "PeselRedactingFilter" for f in h.filters)
    )
    record = logging.LogRecord("kierunek", logging.ERROR, __file__, 1, "lookup failed for %s", (PESEL,), None)
    for log_filter in handler.filters:
        log_filter.filter(record)  # type: ignore[union-attr]
    line = handler.format(record)
    assert PESEL not in line
    assert mask_pesel(PESEL) in line


# --- the export is complete (GDPR art. 15 and 20) ---------------------------------------------


def test_every_model_holding_a_persons_rows_is_exported_or_excluded_with_a_reason():
    """Walks every installed model along its foreign keys from the user model: a new table with a
    person in it fails here, by name, until a context exports it or says why not."""
    assert personal_data.models_not_covered() == {}


def test_the_walk_names_a_model_that_nothing_covers(monkeypatch):
    monkeypatch.delitem(personal_data._contributions, "bookings")
    missing = personal_data.models_not_covered()
    assert missing["vouchers.Booking"] == "vouchers.Booking.participant → accounts.User"
    assert {"vouchers.BookingEvent", "vouchers.Attendance"} <= set(missing)


def test_the_walk_follows_a_persons_rows_beyond_the_user_model():
    """Development areas point at the plan, not at the person: they are reached through it."""
    reached = personal_data.models_holding_personal_data()
    assert reached["guidance.DevelopmentArea"] == "guidance.DevelopmentArea.plan → guidance.DevelopmentPlan"
    assert "catalogue.ServiceSession" not in reached  # a provider's sessions: not followed past exclusions


def test_every_exclusion_names_an_installed_model_and_gives_a_reason():
    installed = {model._meta.label for model in apps.get_models()}
    exclusions = personal_data.exclusions()
    assert {"otp_totp.TOTPDevice", "admin.LogEntry", "evaluations.SurveyResponse"} <= set(exclusions)
    for model, reason in exclusions.items():
        assert model in installed, model
        assert len(reason) > 40, model
    covered = {label for c in personal_data.contributions() for label in c.models}
    assert not covered & set(exclusions)


@pytest.fixture
def participant_with_everything(settings, tmp_path):
    """A participant taken through the whole journey by the real services: application, balance,
    portfolio, signed plan, meeting, voucher order and account, a booking completed, confirmed
    and evaluated; an API token; their file read by an officer and by their advisor."""
    settings.MEDIA_ROOT = tmp_path
    balance = balance_ready_to_sign()
    guidance_services.portfolio_file_add(
        balance_id=balance.pk,
        title="Certyfikat B1",
        description="Egzamin językowy.",
        upload=SimpleUploadedFile("certyfikat.pdf", PORTFOLIO_PDF),
        actor=Actor.of(balance.advisor),
    )
    guidance_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    participant = balance.participant
    account = issued_account(participant)
    confirmed_and_evaluated(book(account))
    Consent.objects.create(user=participant, kind=Consent.Kind.TERMS, text_version="2026-01")
    accounts_services.api_token_create(user=participant, name="Mój skrypt")
    application = Application.objects.get(participant=participant)
    officer = StaffUserFactory(role=Role.OFFICER)
    programmes_services.application_file_read(application_id=application.pk, actor=Actor.of(officer))
    guidance_selectors.participant_file_for_advisor(
        actor=Actor.of(balance.advisor), participant_id=participant.pk
    )
    return participant


def test_the_export_holds_every_part_of_the_journey(participant_with_everything):
    participant = participant_with_everything
    data = participant_data(user=participant)
    dump = json.dumps(data, ensure_ascii=False)

    assert data["account"]["consents"][0]["kind"] == "terms"
    token = data["account"]["api_tokens"][0]
    assert token["name"] == "Mój skrypt"
    assert {"key_hash", "prefix", "password_fingerprint"}.isdisjoint(token)
    assert ApiToken.objects.get(user=participant).key_hash not in dump
    assert data["applications"][0]["status"] == "eligible"
    assert [c["kind"] for c in data["programme_consents"]] == ["processing"]

    balance = data["competence_balance"]
    assert balance["experiences"][0]["title"] == "Księgowa"
    assert balance["star_evidence"][0]["competences"] == ["pracować w zespole"]
    assert balance["profile"][0]["dimension"] == "social"
    assert balance["biographical_done_at"] is not None
    (item,) = data["portfolio"]
    assert (item["title"], item["file_kind"], item["added_by"]) == ("Certyfikat B1", "pdf", "advisor")
    assert item["file_name"].endswith(".pdf")
    assert PORTFOLIO_PDF.decode("latin-1") not in dump  # metadata, never the bytes
    plan = data["development_plan"]
    assert (plan["status"], plan["signed_by"]) == ("signed", "advisor")
    assert plan["areas"][0]["title"] == "Język angielski w pracy"
    assert data["appointments"][0]["mode"] == "online"

    assert data["voucher_orders"][0]["status"] == "issued"
    (voucher_account,) = data["voucher_accounts"]
    kinds = [(p["kind"], p["ledger"], p["amount"] > 0) for p in voucher_account["postings"]]
    assert ("issue", "vouchers", True) in kinds
    assert ("reserve", "vouchers", False) in kinds
    assert ("reserve", "reserved", True) in kinds
    (booking,) = data["bookings"]
    assert booking["status"] == "completed"
    assert booking["confirmed_at"] is not None
    assert booking["evaluated_at"] is not None
    assert booking["attendance"]
    assert all(a["present"] for a in booking["attendance"])
    assert {a["recorded_by"] for a in booking["attendance"]} == {"provider_staff"}
    assert [h["to"] for h in booking["history"]][:2] == ["requested", "accepted"]
    assert data["provider_roles"] == {"provider_membership": None, "auditor_entry": None}

    assert [(a["kind"], a["status"]) for a in data["agreements"]] == [("participation", "accepted")]
    assert data["agreements"][0]["accepted_factor"] == "email"
    reads = [(e["by"], e["object"]) for e in data["audit_events"] if e["action"] == "participant.file_read"]
    assert ("officer", "programmes.application") in reads
    assert ("advisor", "accounts.user") in reads
    staff = User.objects.exclude(pk=participant.pk)
    assert not [u.email for u in staff if u.email in dump]  # staff appear by role only
    assert not [key for key in ("idempotency_key", "not_me_token_hash") if key in dump]


def test_provider_staff_membership_is_in_the_persons_data():
    provider = ProviderFactory()
    member = provider_staff_of(provider)
    data = personal_data.personal_data_collect(user=member)
    assert data["provider_roles"]["provider_membership"]["provider"] == provider.legal_name
    assert data["provider_roles"]["provider_membership"]["is_owner"] is True


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_shows_labels_and_choice_labels_never_keys_or_codes(participant_with_everything):
    participant = participant_with_everything
    data = participant_data(user=participant)
    missing: set[str] = set()
    personal_data.personal_data_sections(data, missing=missing)
    assert missing == set()  # every key of a full export has a label

    with translation.override("en"):
        text = _pdf_text(participant_data_pdf(data))
    assert f"First name: {participant.first_name}" in text
    assert "Form of employment: employment contract" in text
    assert "Where: online (video call)" in text  # a label from the slot, a choice label
    assert "Training provider staff" in text  # who recorded the attendance, as a role label
    assert "staff read your file" in text
    # No snake_case key or code anywhere (file names aside).
    leftovers = {w for w in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text) if "." not in w}
    assert leftovers == set()
    for raw in ("first_name", "employment_contract", "provider_staff", "participant.file_read"):
        assert raw not in text


def test_the_pdf_is_in_polish_by_default(participant_with_everything):
    text = _pdf_text(participant_data_pdf(participant_data(user=participant_with_everything)))
    assert "Ruchy na koncie" in text  # a heading the vouchers' part gives
    assert "Co: pracownik odczytał Twoje dane" in text  # an audit action, in words
    assert "Movements on the account" not in text


# --- staff reads in list pages are audited, and the person sees them ---------------------------


def _list_reads(list_name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="participant.list_read", details__list=list_name))


def test_an_officers_list_of_applications_is_a_read_of_everyone_shown(client, login_staff):
    shown = [application_in_review() for _ in range(2)]
    officer = StaffUserFactory(role=Role.OFFICER)
    login_staff(client, officer)

    assert client.get(reverse("programmes:officer_applications")).status_code == 200

    (read,) = _list_reads("programmes.officer_applications")
    assert read.actor_id == officer.pk
    assert read.details["participants"] == sorted(a.participant_id for a in shown)
    export = participant_data(user=shown[0].participant)
    assert ("participant.list_read", "officer") in {(e["action"], e["by"]) for e in export["audit_events"]}
    # Nobody else's export shows it: the match is on the id, not on its digits.
    other = ParticipantFactory()
    assert not [
        e for e in participant_data(user=other)["audit_events"] if e["action"] == "participant.list_read"
    ]


def test_an_advisors_list_of_participants_is_audited(client, login_staff):
    balance = balance_ready_to_sign()
    login_staff(client, balance.advisor)
    assert client.get(reverse("guidance:participants")).status_code == 200
    (read,) = _list_reads("guidance.advisor_participants")
    assert read.details["participants"] == [balance.participant_id]

    participant = eligible_participant()
    booked = slot(balance.advisor)
    guidance_services.appointment_book(slot_id=booked.pk, actor=Actor.of(participant))
    week = timezone.localtime(booked.starts_at).date().isoformat()
    assert client.get(reverse("guidance:calendar"), {"tydzien": week}).status_code == 200
    (read,) = _list_reads("guidance.advisor_calendar")
    assert participant.pk in read.details["participants"]


def test_the_operators_orders_and_the_providers_bookings_are_audited(client, login_staff):
    account = issued_account()
    booking = book(account)
    login_staff(client, provider_staff_of(booking.provider))
    assert client.get(reverse("vouchers:provider_bookings")).status_code == 200
    (read,) = _list_reads("vouchers.provider_bookings")
    assert read.details["participants"] == [account.participant_id]

    assert client.get(reverse("vouchers:provider_booking", args=[booking.pk])).status_code == 200
    opened = AuditEvent.objects.get(action="participant.file_read", object_type="vouchers.booking")
    assert opened.details == {"participant": account.participant_id, "what": "booking"}
    reads = [
        e for e in participant_data(user=account.participant)["audit_events"] if e["by"] == "provider_staff"
    ]
    assert {e["action"] for e in reads} == {"participant.list_read", "participant.file_read"}

    client.logout()
    waiting = vouchers_services.order_create(
        actor=Actor.of(participant_with_plan("general")), package_id=package("general").pk
    )
    login_staff(client, StaffUserFactory(role=Role.FINANCIAL_OPERATOR))
    assert client.get(reverse("vouchers:operator_orders")).status_code == 200
    (read,) = _list_reads("vouchers.operator_orders")
    assert read.details["participants"] == [waiting.participant_id]


def test_a_list_showing_nobody_writes_nothing(client, login_staff):
    login_staff(client, StaffUserFactory(role=Role.OFFICER))
    assert client.get(reverse("vouchers:officer_bookings")).status_code == 200
    assert not AuditEvent.objects.filter(action="participant.list_read").exists()
