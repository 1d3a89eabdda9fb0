"""A campaign traced from its poster's QR code to a completed training: the coordinator prints the
poster, a resident opens its address, registers (the form says which campaign they came through),
and goes on to a balance, vouchers and a completed training; the office sees each step for the
campaign and its channel. The person may take the campaign off the form first: then nothing is
recorded."""

from urllib.parse import urlsplit

import pytest
from django.core import mail

from kierunek.accounts.models import User
from kierunek.outreach import selectors
from kierunek.outreach.documents import campaign_link
from kierunek.outreach.figures import CHANNEL_LABELS, STEPS
from kierunek.outreach.models import CampaignSignup
from tests.accounts.test_auth import registration_data

from .builders import campaign, coordinator

pytestmark = pytest.mark.django_db


def _journey(person):
    """Balance with a signed plan, the participation agreement, vouchers issued, a booking
    completed: each through its own context's services."""
    from tests.guidance.builders import signed_balance
    from tests.vouchers.builders import book, completed, issued_account

    balance = signed_balance(participant=person)
    balance.plan.areas.update(package_kind="general")
    account = issued_account(person)
    completed(book(account))


def test_a_poster_traces_a_resident_to_a_completed_training(
    client, client_for, django_capture_on_commit_callbacks
):
    local = coordinator()
    poster = campaign(by=local, name="Plakat w remizie")
    staff = client_for(local)
    pdf = staff.get(f"/kampanie-lokalne/{poster.pk}/plakat.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    opened = client.get(urlsplit(campaign_link(poster)).path)  # what the QR code carries
    assert opened.url == "/rejestracja/"
    form = client.get("/rejestracja/").content.decode()
    assert "Plakat w remizie" in form
    assert poster.code in form
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/rejestracja/", registration_data()).status_code == 302
    person = User.objects.get(email="zofia@test.example")
    assert CampaignSignup.objects.get(user=person).campaign == poster
    assert list(selectors.campaign_users(campaign=poster)) == [person]
    assert len(mail.outbox) == 1

    person.is_active = True
    person.save(update_fields=["is_active"])
    _journey(person)

    [row] = selectors.campaign_funnel([poster], exact=True)
    assert {step: row.cells[step].value for step in STEPS} == dict.fromkeys(STEPS, 1)
    by_channel = {str(r.label): r for r in selectors.channel_funnel()}
    assert by_channel[str(CHANNEL_LABELS["poster"])].cells["completed"].value == 1
    assert by_channel[str(CHANNEL_LABELS["direct"])].cells["registered"].value == 0
    assert poster in selectors.campaigns_all()


def test_the_person_can_take_the_campaign_off_the_form(client):
    poster = campaign()
    client.get(f"/k/{poster.code}/")
    assert poster.code in client.get("/rejestracja/").content.decode()
    client.post("/rejestracja/kampania/usun/")
    assert poster.code not in client.get("/rejestracja/").content.decode()
    client.post("/rejestracja/", registration_data())
    assert User.objects.filter(email="zofia@test.example").exists()
    assert not CampaignSignup.objects.exists()


def test_a_closed_campaign_counts_nobody_new(client):
    from kierunek.core.actor import Actor
    from kierunek.outreach.services import campaign_close

    poster = campaign()
    client.get(f"/k/{poster.code}/")
    campaign_close(actor=Actor.of(poster.created_by), campaign_id=poster.pk)
    assert poster.code not in client.get("/rejestracja/").content.decode()
    client.post("/rejestracja/", registration_data())
    assert not CampaignSignup.objects.exists()


def test_a_known_email_records_nothing(client):
    """Registration answers the same for a known e-mail, and the campaign learns nothing either."""
    from tests.accounts.factories import ParticipantFactory

    ParticipantFactory(email="zofia@test.example")
    poster = campaign()
    client.get(f"/k/{poster.code}/")
    assert client.post("/rejestracja/", registration_data()).url == "/rejestracja/wyslano/"
    assert not CampaignSignup.objects.exists()
