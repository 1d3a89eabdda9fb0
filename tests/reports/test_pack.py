"""The report pack: the PDF holds every public indicator with the page's figures; a subscriber
gets it once per closed period, not before the first one closes; only staff subscribe."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.reports.domain import period_parse
from kierunek.reports.models import ReportSubscription
from kierunek.reports.pack import pack_pdf
from kierunek.reports.selectors import public_indicators
from kierunek.reports.services import packs_send, subscription_set
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_the_pack_names_every_public_indicator():
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pack_pdf(period_parse("2026-Q3")))).pages
    )
    assert "Wskaźniki programu: 2026-Q3" in text
    for indicator in public_indicators():
        assert str(indicator.name)[:20] in text.replace("\n", " ")


def test_a_subscriber_gets_each_closed_period_once(django_capture_on_commit_callbacks):
    officer = StaffUserFactory(role=Role.OFFICER)
    subscription = subscription_set(actor=Actor.of(officer), cadence="quarterly")
    # The quarter that had closed when they subscribed is not sent: the next one is.
    subscription.last_sent = "2026-Q2"
    subscription.save(update_fields=["last_sent"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert packs_send(today=date(2026, 9, 30)) == 0
        assert packs_send(today=date(2026, 10, 1)) == 1
        assert packs_send(today=date(2026, 10, 2)) == 0
    assert len(mail.outbox) == 1
    assert "/raporty/pakiet/2026-Q3.pdf" in mail.outbox[0].body
    subscription.refresh_from_db()
    assert subscription.last_sent == "2026-Q3"


def test_stopping_ends_the_subscription_and_a_participant_cannot_subscribe():
    officer = StaffUserFactory(role=Role.FINANCIAL_OPERATOR)
    subscription_set(actor=Actor.of(officer), cadence="monthly")
    subscription_set(actor=Actor.of(officer), cadence="")
    assert not ReportSubscription.objects.exists()
    with pytest.raises(PermissionDenied):
        subscription_set(actor=Actor.of(ParticipantFactory()), cadence="monthly")
    assert not ReportSubscription.objects.exists()


def test_the_subscription_page_saves_the_choice(staff_client):
    client, user = staff_client(Role.OFFICER)
    assert client.get("/raporty/subskrypcja/").status_code == 200
    response = client.post("/raporty/subskrypcja/", {"cadence": "monthly"})
    assert response.status_code == 302
    assert ReportSubscription.objects.get(user=user).cadence == "monthly"
    pdf = client.get("/raporty/pakiet/2026-Q3.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get("/raporty/pakiet/2026-Q9.pdf").status_code == 404
