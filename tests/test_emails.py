"""Every e-mail is written in the reader's language, from one site address, in plain text and HTML.

Each e-mail template of the project (found by their folders: ``<context>/templates/**/email/`` and
Django's password reset) is rendered in Polish and in English with a representative context. The
Polish one must differ from the English, every message id the template uses must have a Polish
translation, and no English sentence of those message ids may be left in the Polish text. Every
subject passed to ``notify`` (or declared on a workflow's notification) is marked for translation
and translated. A new e-mail template needs its context in ``CONTEXTS`` below.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation.template import templatize

from kierunek.agreements.models import Agreement, TemplateVersion
from kierunek.catalogue.models import ServiceCard
from kierunek.complaints.models import Complaint, ComplaintStatus
from kierunek.core.notify import email_render, notify, site_link
from kierunek.core.workflow import WORKFLOWS
from kierunek.evaluations.models import OutcomeInvitation
from kierunek.events.models import Certificate, Event, Registration
from kierunek.geo.models import Gmina
from kierunek.partnership.models import Body, GoodPractice, Institution, Partnership, PracticeStatus, Product
from kierunek.programmes.models import ApplicationStatus
from kierunek.providers.models import BankAccount, Provider, ProviderStatus
from kierunek.qualifications.models import Certificate as QualificationCertificate
from kierunek.qualifications.models import CertifyingInstitution, Qualification
from kierunek.quality.models import EVENT_LABELS, STATE_LABELS, CaseState, MonitoringVisit
from kierunek.validation.models import Validation, ValidationStatus
from kierunek.vouchers.models import Booking, BookingStatus

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "kierunek"


def email_templates() -> list[str]:
    found = set()
    for folder in APPS.glob("*/templates"):
        for path in folder.rglob("*"):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and (
                "/email/" in f"/{name}" or name.startswith("registration/password_reset_email")
            ):
                found.add(name)
    return sorted(found)


def _when(hour: int) -> datetime:
    return timezone.make_aware(datetime(2026, 3, 12, hour, 30))


PROVIDER = Provider(legal_name="Centrum Szkoleń Wawel sp. z o.o.", short_name="Wawel", nip="6762465478")
CARD = ServiceCard(title="Excel w biurze", provider=PROVIDER)


def _booking(status: str) -> Booking:
    return Booking(
        pk=17, card=CARD, provider=PROVIDER, status=status, vouchers=4, answer_by=date(2026, 3, 20)
    )


PERSON = SimpleNamespace(get_short_name="Ala", get_full_name="Ala Nowak", pk=3)
SLOT = SimpleNamespace(
    starts_at=_when(10),
    ends_at=_when(11),
    centre=SimpleNamespace(name="Centrum Kariery Kraków", address="ul. Długa 1"),
    advisor=SimpleNamespace(get_full_name="Jan Kowal"),
)
QUALITY_CASE = SimpleNamespace(mark_number="MSUES/2026/7", valid_until=date(2029, 3, 12))
VISIT = MonitoringVisit(
    kind="scheduled", remote=True, planned_on=date(2026, 4, 1), visited_on=date(2026, 4, 2), findings="Sala."
)
EVENT = Event(
    pk=4,
    title="Małopolska otwarta na wiedzę",
    starts_at=_when(9),
    ends_at=_when(16),
    address="ul. Długa 1",
    gmina=Gmina(name="Nowy Targ", teryt="1211011"),
)
ONLINE_EVENT = Event(
    pk=5, title="Webinar: walidacja", starts_at=_when(9), ends_at=_when(10), online_url="https://x.example/w"
)


def _registration(status: str, event: Event = EVENT) -> Registration:
    return Registration(
        pk=8, event=event, status=status, ticket_code="K7QM2XHD9PRTW4NB", offer_expires_at=_when(12)
    )


ACTION = SimpleNamespace(description="Poprawić regulamin.", deadline=date(2026, 5, 1), completed_at=None)


def _complaint(status: str, **fields: Any) -> Complaint:
    return Complaint(
        pk=9,
        provider=PROVIDER,
        subject="Zajęcia odwołane bez uprzedzenia",
        status=status,
        received_on=date(2026, 3, 2),
        decision_due=date(2026, 4, 1),
        answer_due=date(2026, 3, 9),
        **fields,
    )


def _confirming(status: str, **fields: Any) -> Booking:
    booking = _booking(status)
    booking.confirm_by = booking.rate_by = date(2026, 3, 26)
    for name, value in fields.items():
        setattr(booking, name, value)
    return booking


def _agreement(kind: str, **fields: Any) -> Agreement:
    return Agreement(
        pk=12,
        kind=kind,
        generated_on=date(2026, 3, 2),
        version=TemplateVersion(title="Umowa uczestnictwa w projekcie", number=2),
        pdf_sha256="ab" * 32,
        accepted_at=_when(12),
        **fields,
    )


PARTICIPATION = _agreement("participation", participant_id=3)
PROVIDER_AGREEMENT = _agreement(
    "provider",
    provider_id=5,
    no_bookings_after=date(2026, 4, 30),
    termination_reason="Naruszenie § 2 umowy",
)


# Each template with one or more representative contexts (each branch worth reading).
INSTITUTION = Institution(name="Powiatowy Urząd Pracy w Wadowicach", slug="pup-wadowice")


def _practice(status: str, **fields: Any) -> GoodPractice:
    return GoodPractice(
        pk=4, institution=INSTITUTION, title="Kluby pracy w bibliotekach", status=status, **fields
    )


def _product(status: str, **fields: Any) -> Product:
    group = Body(pk=3, partnership=Partnership(pk=1, code="mpku"), name="Zespół ds. standardów jakości")
    return Product(pk=5, body=group, title="Standardy jakości usług", status=status, **fields)


QUALIFICATION_CERTIFICATE = QualificationCertificate(
    number="IC001/2026/00007",
    code="K7QM2XHD9PRT",
    qualification=Qualification(code="DEMO-01", name="Prowadzenie szkoleń"),
    institution=CertifyingInstitution(name="Centrum Certyfikacji Kompetencji", email="ic@example.org"),
    revocation_reason="Dokumenty okazały się nieprawdziwe.",
)

ACCESSIBILITY_REPORT = SimpleNamespace(
    reference="DD-1A2B3C4D",
    address="/strony/mpku/",
    due_on=date(2026, 3, 9),
    extension_reason="Potrzebny wykonawca.",
    answer="Przesyłamy treść w pliku DOCX.",
)

CONTEXTS: dict[str, list[dict[str, Any]]] = {
    "agreements/email/ready.txt": [{"agreement": PARTICIPATION}, {"agreement": PROVIDER_AGREEMENT}],
    "agreements/email/code.txt": [{"agreement": PARTICIPATION, "code": "123456", "minutes": 10}],
    "agreements/email/accepted.txt": [{"agreement": PARTICIPATION}, {"agreement": PROVIDER_AGREEMENT}],
    "agreements/email/countersigned.txt": [{"agreement": PARTICIPATION}, {"agreement": PROVIDER_AGREEMENT}],
    "agreements/email/terminated.txt": [{"agreement": PROVIDER_AGREEMENT}],
    "accounts/email/account_created.txt": [
        {"user": PERSON, "role": "doradca", "link": "http://example.org/x"}
    ],
    "accounts/email/activation.txt": [{"user": PERSON, "path": "/rejestracja/aktywuj/x/y/"}],
    "accounts/email/backup_code_used.txt": [{"user": PERSON, "remaining": 3}],
    "accounts/email/backup_codes_generated.txt": [{"user": PERSON}],
    "accounts/email/otp_device_added.txt": [{"user": PERSON}],
    "accounts/email/otp_device_removed.txt": [{"user": PERSON}],
    "accounts/email/otp_reset.txt": [{"user": PERSON}],
    "accounts/email/registration_duplicate.txt": [
        {"user": PERSON, "same_email": True},
        {"user": PERSON, "same_email": False},
    ],
    "registration/password_reset_email.txt": [{"uid": "MQ", "token": "abc-123"}],
    "guidance/email/appointment.txt": [
        {"event": event, "slot": SLOT, "previous": None}
        for event in ("booked", "cancelled", "cancelled_by_advisor", "reminder")
    ]
    + [{"event": "moved", "slot": SLOT, "previous": SimpleNamespace(slot=SLOT)}],
    "guidance/email/appointment_advisor.txt": [
        {"event": event, "slot": SLOT, "appointment": SimpleNamespace(participant=PERSON), "previous": None}
        for event in ("booked", "moved", "cancelled")
    ],
    "guidance/email/plan_feedback.txt": [
        {"participant": PERSON, "plan": SimpleNamespace(feedback="Dziękuję.", balance_id=5)}
    ],
    "guidance/email/plan_signed.txt": [{"plan": SimpleNamespace(balance=SimpleNamespace(advisor=PERSON))}],
    "programmes/email/application_decided.txt": [
        {
            "programme": "Kierunek Kariera",
            "application_status": ApplicationStatus.REFUSED.label,
            "reason": "Brak dokumentu.",
        }
    ],
    "providers/email/bank_account_decided.txt": [
        {
            "account": BankAccount(iban="PL27114020040000300201355387", status="active"),
            "hold_until": date(2026, 4, 1),
        },
        {
            "account": BankAccount(
                iban="PL27114020040000300201355387", status="rejected", decision_reason="Zły."
            )
        },
    ],
    "providers/email/bank_account_requested.txt": [
        {"provider": PROVIDER, "account": BankAccount(iban="PL27114020040000300201355387")}
    ],
    "providers/email/bank_account_requested_provider.txt": [
        {"provider": PROVIDER, "account": BankAccount(iban="PL27114020040000300201355387")}
    ],
    "providers/email/provider_decided.txt": [
        {"provider": Provider(pk=2, legal_name="Wawel", status=ProviderStatus.APPROVED)},
        {
            "provider": Provider(
                pk=2, legal_name="Wawel", status=ProviderStatus.REJECTED, status_reason="NIP."
            )
        },
    ],
    "providers/email/provider_registered.txt": [
        {"provider": Provider(pk=2, legal_name="Wawel", nip="6762465478")}
    ],
    "quality/email/quality_corrective_action.txt": [
        {"provider": PROVIDER, "action": ACTION, "link": "/jakosc/"}
    ],
    "quality/email/quality_transition.txt": [
        {
            "provider": PROVIDER,
            "case": QUALITY_CASE,
            "action": EVENT_LABELS["grant"],
            "state": STATE_LABELS[CaseState.GRANTED],
            "note": "Dobrze.",
            "link": "/jakosc/",
        }
    ],
    "quality/email/quality_visit.txt": [{"provider": PROVIDER, "visit": VISIT, "link": "/jakosc/"}],
    "vouchers/email/booked.txt": [
        {"booking": _booking(BookingStatus.REQUESTED), "card": CARD, "not_me_path": "/nie-ja/x/"}
    ],
    "vouchers/email/contribution_paid.txt": [
        {
            "contribution": SimpleNamespace(amount=64935, transfer_title="KW-2026-000123-8"),
            "order": SimpleNamespace(package=SimpleNamespace(name="Pakiet zawodowy")),
        }
    ],
    "vouchers/email/contribution_refunded.txt": [
        {"contribution": SimpleNamespace(amount=64935, transfer_title="KW-2026-000123-8")}
    ],
    "vouchers/email/order_lapsed.txt": [
        {
            "order": SimpleNamespace(package=SimpleNamespace(name="Pakiet zawodowy")),
            "contribution": SimpleNamespace(
                amount=64935, transfer_title="KW-2026-000123-8", due_on=date(2026, 3, 20)
            ),
        }
    ],
    "vouchers/email/issued.txt": [
        {
            "voucher_account": SimpleNamespace(
                package=SimpleNamespace(name="Pakiet 20"), vouchers_issued=20, expires_on=date(2027, 1, 1)
            )
        }
    ],
    "vouchers/email/officer_frozen.txt": [{"booking": _booking(BookingStatus.FROZEN)}],
    "vouchers/email/provider_new_booking.txt": [{"booking": _booking(BookingStatus.REQUESTED), "card": CARD}],
    "vouchers/email/provider_status.txt": [
        {"booking": _booking(BookingStatus.CANCELLED), "reason": "Choroba."}
    ],
    "vouchers/email/refused.txt": [
        {"order": SimpleNamespace(package=SimpleNamespace(name="Pakiet 20"), refusal_reason="Brak.")}
    ],
    "vouchers/email/reported.txt": [
        {"booking": _booking(BookingStatus.COMPLETED)},
        {"booking": _booking(BookingStatus.NO_SHOW)},
    ],
    "vouchers/email/status.txt": [{"booking": _booking(BookingStatus.ACCEPTED), "reason": ""}],
    "vouchers/email/confirmation_reminder.txt": [
        {"booking": _confirming(BookingStatus.COMPLETED), "after_deadline": after}
        for after in ("to_officer", "confirm_without_rating")
    ]
    + [
        {
            "booking": _confirming(BookingStatus.COMPLETED, confirmed_at=_when(9)),
            "after_deadline": "to_officer",
        }
    ],
    "vouchers/email/confirmation_closed.txt": [
        {"booking": _confirming(status)}
        for status in ("unconfirmed", "not_delivered", BookingStatus.COMPLETED)
    ],
    "complaints/email/received.txt": [
        {"complaint": _complaint(ComplaintStatus.RECEIVED), "token": "a" * 43},
        {"complaint": _complaint(ComplaintStatus.RECEIVED, complainant_id=3), "token": ""},
    ],
    "complaints/email/status.txt": [
        {"complaint": _complaint(ComplaintStatus.UNDER_REVIEW, complainant_id=3)},
        {"complaint": _complaint(ComplaintStatus.ANSWERED, answer="Przepraszamy, zajęcia odrobimy.")},
        {"complaint": _complaint(ComplaintStatus.UPHELD, decision_reason="Zajęcia się nie odbyły.")},
    ],
    "complaints/email/officer_new.txt": [{"complaint": _complaint(ComplaintStatus.RECEIVED)}],
    "complaints/email/officer_answered.txt": [{"complaint": _complaint(ComplaintStatus.ANSWERED)}],
    "complaints/email/provider_asked.txt": [{"complaint": _complaint(ComplaintStatus.UNDER_REVIEW)}],
    "complaints/email/provider_decided.txt": [
        {"complaint": _complaint(ComplaintStatus.DISMISSED, decision_reason="Usługa zgodna z kartą.")}
    ],
    "partnership/email/practice_reviewed.txt": [
        {"practice": _practice(PracticeStatus.PUBLISHED)},
        {"practice": _practice(PracticeStatus.RETURNED, review_comment="Proszę dodać wyniki.")},
    ],
    "partnership/email/practice_submitted.txt": [{"practice": _practice(PracticeStatus.SUBMITTED)}],
    "partnership/email/product_reviewed.txt": [
        {"product": _product("draft", review_comment="Proszę dodać wskaźniki.")},
        {"product": _product("approved")},
        {"product": _product("published")},
    ],
    "partnership/email/product_submitted.txt": [{"product": _product("in_review")}],
    "validation/email/status.txt": [
        {
            "validation": Validation(
                pk=5,
                qualification=Qualification(code="DEMO-01", name="Prowadzenie szkoleń"),
                status=status,
                appeal_until=date(2026, 4, 1) if status == ValidationStatus.FAILED else None,
            )
        }
        for status in (ValidationStatus.IDENTIFICATION, ValidationStatus.FAILED, ValidationStatus.PASSED)
    ],
    "evaluations/email/outcome_invitation.txt": [
        {
            "card": CARD,
            "invitation": OutcomeInvitation(closes_on=date(2026, 9, 1)),
            "link": "/x/",
            "reminder": r,
        }
        for r in (False, True)
    ],
    "catalogue/email/saved_search_digest.txt": [
        {
            "sections": [
                SimpleNamespace(
                    label="„angielski” · Kraków",
                    search_url="http://example.org/uslugi/?q=angielski",
                    unsubscribe_url="http://example.org/uslugi/zapisane/wypisz/x/",
                    count=count,
                    more=count - 1,
                    cards=[
                        {
                            "title": "Angielski w biznesie",
                            "provider": "Wawel",
                            "starts_on": date(2026, 4, 1),
                            "place": place,
                            "remote": not place,
                            "url": "http://example.org/uslugi/7/",
                        }
                    ],
                )
                for count, place in ((1, "Kraków"), (3, ""))
            ],
            "manage_url": "http://example.org/uslugi/zapisane/",
            "unsubscribe_all_url": "http://example.org/uslugi/zapisane/wypisz/y/",
        }
    ],
    "events/email/registered.txt": [
        {"registration": _registration(status), "event": EVENT}
        for status in ("confirmed", "pending", "waiting")
    ],
    "events/email/status.txt": [
        {"registration": _registration(status), "event": EVENT}
        for status in ("confirmed", "rejected", "lapsed")
    ],
    "events/email/offer.txt": [{"registration": _registration("offered"), "event": EVENT}],
    "events/email/reminder.txt": [
        {"registration": _registration("confirmed", e), "event": e} for e in (EVENT, ONLINE_EVENT)
    ],
    "events/email/certificate.txt": [
        {
            "registration": _registration("confirmed"),
            "event": EVENT,
            "certificate": Certificate(code="ABCD2345WXYZ"),
        }
    ],
    "newsletter/email/confirm.txt": [
        {"confirm_url": "http://example.org/newsletter/potwierdz/x/", "topics": ["Bony i nabory"]}
    ],
    "newsletter/email/already.txt": [{"preferences_url": "http://example.org/newsletter/ustawienia/x/"}],
    "newsletter/email/issue.txt": [
        {
            "issue": SimpleNamespace(subject="Nabór na bony"),
            "body_text": "Nowy nabór.",
            "preferences_url": "http://example.org/newsletter/ustawienia/x/",
            "unsubscribe_url": "http://example.org/newsletter/wypisz/x/",
            "archive_url": "http://example.org/newsletter/archiwum/",
            "test": test,
        }
        for test in ("", "yes")
    ],
    "providers/email/signup_duplicate.txt": [{"user": PERSON}],
    "providers/email/signup_password.txt": [{"user": PERSON, "provider": PROVIDER, "path": "/haslo/x/y/"}],
    "qualifications/email/certificate_issued.txt": [{"certificate": QUALIFICATION_CERTIFICATE}],
    "qualifications/email/certificate_revoked.txt": [{"certificate": QUALIFICATION_CERTIFICATE}],
    "reports/email/pack.txt": [
        {
            "period": "2026-Q3",
            "link": "http://example.org/raporty/pakiet/2026-Q3.pdf",
            "settings_link": "http://example.org/raporty/subskrypcja/",
        }
    ],
    **{
        f"education/funding/email/{name}.txt": [
            {
                "source": SimpleNamespace(
                    title="Szkolenia nauczycieli w zakresie cyfryzacji",
                    funder="Fundacja Rozwoju Systemu Edukacji",
                    programme="Erasmus+",
                    deadline=date(2026, 4, 30),
                ),
                "link": "http://example.org/edukacja/finansowanie/7/",
                "subscription_link": "http://example.org/edukacja/finansowanie/powiadomienia/",
            }
        ]
        for name in ("new_call", "deadline")
    },
    "education/career/email/booking_cancelled.txt": [
        {
            "activity": SimpleNamespace(title="Warsztaty robotyki", held_on=date(2026, 5, 12)),
            "booking": SimpleNamespace(
                school=SimpleNamespace(name="Szkoła Podstawowa nr 5 w Wieliczce"),
                grade=7,
                pupils=24,
                cancel_reason="Klasa jedzie na wycieczkę",
            ),
            "link": "http://example.org/edukacja/orientacja-zawodowa/3/",
        }
    ],
    "education/career/email/activity_cancelled.txt": [
        {
            "activity": SimpleNamespace(
                title="Warsztaty robotyki", held_on=date(2026, 5, 12), cancel_reason="Prowadzący zachorował"
            ),
            "booking": SimpleNamespace(
                school=SimpleNamespace(name="Szkoła Podstawowa nr 5 w Wieliczce"), grade=7, pupils=24
            ),
            "link": "http://example.org/edukacja/orientacja-zawodowa/3/",
        }
    ],
    "cms/email/report_received.txt": [{"report": ACCESSIBILITY_REPORT}],
    "cms/email/report_extended.txt": [{"report": ACCESSIBILITY_REPORT}],
    "cms/email/report_answered.txt": [{"report": ACCESSIBILITY_REPORT}],
}

_MSGID = re.compile(r"\b(?:n?gettext)\(u('(?:[^'\\]|\\.)*')")


def message_ids(template: str) -> list[str]:
    """The message ids (singular) a template translates, as ``makemessages`` would find them."""
    source = next(APPS.glob(f"*/templates/{template}")).read_text(encoding="utf-8")
    return [ast.literal_eval(m) for m in _MSGID.findall(templatize(source))]


def english_sentences(msgid: str) -> list[str]:
    """The literal parts of a message id long enough to be recognised as English in a text."""
    parts = re.split(r"%\(\w+\)[sd]|%%", msgid)
    return [p.strip(' ."„”:,') for p in parts if len(p.strip().split()) >= 3]


def test_every_email_template_has_a_representative_context():
    assert sorted(set(email_templates()) - set(CONTEXTS)) == [], "add a context to CONTEXTS"
    assert len(email_templates()) >= 30


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_an_email_is_all_polish_in_polish_and_all_english_in_english(template):
    ids = message_ids(template)
    assert ids, "an e-mail template without a single translated sentence"
    with translation.override("pl"):
        untranslated = [m for m in ids if re.search("[A-Za-z]", m) and translation.gettext(m) == m]
    assert untranslated == [], f"{template}: no Polish translation for {untranslated}"
    for context in CONTEXTS[template]:
        polish = email_render(subject="Your booking", template=template, context=context, language="pl")
        english = email_render(subject="Your booking", template=template, context=context, language="en")
        assert polish.text.strip()
        assert polish.text != english.text
        left = [s for m in ids for s in english_sentences(m) if s in polish.text]
        assert left == [], f"{template}: English left in the Polish e-mail: {left}"
        for email, language in ((polish, "pl"), (english, "en")):
            assert f'<html lang="{language}">' in email.html
            assert "<title>" in email.html
            assert "<p>" in email.html
            assert "{%" not in email.text
            assert "{{" not in email.text


def _notify_subjects() -> list[tuple[str, str]]:
    """Every subject the code gives ``notify`` or a workflow's notification: literal strings at
    ``subject=`` and the values of the subject tables (``SUBJECTS``), with whether each is marked."""
    found = []
    for path in APPS.rglob("*.py"):
        if path.name == "demo.py":  # demo data: a complaint's subject is not an e-mail's
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg == "subject":
                values = [node.value]
            elif (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id.endswith("SUBJECTS") for t in node.targets)
                and isinstance(node.value, ast.Dict)
            ):
                values = [v for v in node.value.values if v is not None]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.append((f"{path.relative_to(ROOT)}: {value.value}", "unmarked"))
                elif (
                    isinstance(value, ast.Call)
                    and getattr(value.func, "id", "") == "gettext_noop"
                    and isinstance(value.args[0], ast.Constant)
                ):
                    found.append((value.args[0].value, "marked"))
    return found


def test_every_subject_is_marked_for_translation_and_translated():
    subjects = _notify_subjects()
    assert len(subjects) > 30
    assert [s for s, how in subjects if how == "unmarked"] == []
    workflow_subjects = [
        t.notification.subject for w in WORKFLOWS.values() for t in w.transitions.values() if t.notification
    ]
    assert workflow_subjects
    with translation.override("pl"):
        missing = sorted(
            {s for s in [*(s for s, _ in subjects), *workflow_subjects] if translation.gettext(s) == s}
        )
    assert missing == []


def test_a_booking_email_names_the_provider():
    context = CONTEXTS["vouchers/email/booked.txt"][0]
    text = email_render(subject="Your booking", template="vouchers/email/booked.txt", context=context).text
    assert "Wawel" in text
    status = email_render(
        subject="Your booking",
        template="vouchers/email/status.txt",
        context=CONTEXTS["vouchers/email/status.txt"][0],
    ).text
    assert "Wawel" in status


def test_links_start_with_the_configured_site_address(settings):
    settings.KIERUNEK_SITE_URL = "https://kierunek.malopolska.example/"
    assert site_link("/portfel/") == "https://kierunek.malopolska.example/portfel/"
    context = CONTEXTS["vouchers/email/booked.txt"][0]
    email = email_render(subject="Your booking", template="vouchers/email/booked.txt", context=context)
    links = re.findall(r"https?://\S+", email.text)
    assert links
    assert all(link.startswith("https://kierunek.malopolska.example/") for link in links)
    assert '<a href="https://kierunek.malopolska.example/' in email.html


@pytest.mark.django_db(transaction=True)
def test_a_sent_email_has_a_text_and_an_html_part_in_polish():
    notify(
        recipients=["ala@example.org"],
        subject="Your booking",
        template="vouchers/email/booked.txt",
        context=CONTEXTS["vouchers/email/booked.txt"][0],
    )
    [message] = mail.outbox
    assert message.subject == "Kierunek: Twoja rezerwacja"
    assert "Zarezerwowano" in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    assert "Zarezerwowano" in html
    assert '<html lang="pl">' in html


@pytest.mark.django_db(transaction=True)
def test_the_password_reset_link_uses_the_site_address_not_the_request_host(
    client, settings, django_user_model
):
    settings.KIERUNEK_SITE_URL = "https://kierunek.malopolska.example"
    django_user_model.objects.create_user("ala@example.org", "Haslo-Dlugie-2026!")
    client.post("/haslo/reset/", {"email": "ala@example.org"})  # the request's host is "testserver"
    [message] = mail.outbox
    assert "https://kierunek.malopolska.example/haslo/reset/" in message.body
    assert "testserver" not in message.body + message.alternatives[0][0]
    assert message.subject == "Kierunek: Ustaw swoje hasło"


def test_production_takes_the_site_address_from_the_environment():
    from tests.test_deploy import prod_env

    env = {**prod_env(), "KIERUNEK_SITE_URL": "https://kierunek.malopolska.pl/"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.KIERUNEK_SITE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "https://kierunek.malopolska.pl", result.stderr
    env["KIERUNEK_SITE_URL"] = "http://kierunek.malopolska.pl"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "https://" in result.stderr
