"""Fraud signals per outreach campaign: the people who signed up through a campaign's code are a
group like a broker's, and the office sees the signals it raises with the bookings behind them."""

import pytest

from kierunek.accounts.models import Role
from kierunek.outreach.services import signup_record
from tests.outreach import builders as ob
from tests.vouchers import builders as vb

pytestmark = pytest.mark.django_db


def test_a_campaign_whose_sign_ups_book_one_provider_raises_a_signal(staff_client):
    campaign = ob.campaign()
    account = vb.issued_account()
    assert signup_record(user=account.participant, code=campaign.code) is not None
    provider = vb.quality_provider()
    planted = [vb.book(account, vb.card(provider)) for _ in range(5)]
    quiet = ob.campaign(name="Ulotka")

    client, _officer = staff_client(Role.OFFICER)
    overview = client.get("/posrednictwo/biuro/sygnaly/").content.decode()
    assert campaign.name in overview
    assert quiet.name in overview

    page = client.get(f"/posrednictwo/biuro/sygnaly/kampanie/{campaign.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    for booking in planted:
        assert f'id="booking-{booking.pk}"' in body
    quiet_page = client.get(f"/posrednictwo/biuro/sygnaly/kampanie/{quiet.pk}/").content.decode()
    assert "booking-" not in quiet_page
    assert client.get("/posrednictwo/biuro/sygnaly/kampanie/999999/").status_code == 404
