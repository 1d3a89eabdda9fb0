"""Outreach in a real browser: a gmina's coordinator opens their gmina from the dashboard, creates
a poster campaign and prints its poster (a PDF with the QR code); a resident opens the address the
QR code carries, sees on the registration form which campaign they came through, signs up and
activates the account; the office then sees the sign-up for the campaign. axe-core checks every
page at desktop width and on a 375 px phone.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.accounts.models import User
from kierunek.outreach.models import Campaign, CampaignSignup
from tests.outreach import builders as b

from .conftest import activate_from_mail
from .test_complaint_journey import log_in, log_out
from .test_labourmarket_journey import checked

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_coordinator_prints_a_poster_and_a_resident_signs_up_through_its_code(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    local = b.coordinator(b.WIELICZKA)
    b.agreement(b.WIELICZKA, coordinator_user=local)
    b.leader(b.WIELICZKA, by=local)

    # The coordinator goes from the dashboard to the gmina's page and creates a campaign.
    log_in(page, local, staff=True)
    checked(page)
    page.get_by_role("link", name="The gmina's page: leaders, campaigns and posters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gmina Wieliczka")
    checked(page)
    page.get_by_text("New campaign (poster, leaflet, meeting, webinar, a leader's referral)").click()
    campaigns = page.locator("#campaigns")
    campaigns.get_by_label("Name").fill("Plakat na tablicy sołectwa Sułków")
    campaigns.get_by_label("Channel").select_option("poster")
    campaigns.get_by_role("button", name="Create the campaign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plakat na tablicy sołectwa Sułków")
    checked(page)

    # The poster: a PDF, which the coordinator prints.
    poster = page.get_by_role("link", name="Print the poster (PDF with the QR code)")
    pdf = page.request.get(poster.get_attribute("href") or "")
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    link = page.locator("dd code").inner_text()  # the address the QR code carries
    campaign = Campaign.objects.get()
    assert link.endswith(f"/k/{campaign.code}/")
    log_out(page)

    # A resident scans the QR code: registration opens and says where they came from.
    page.goto(link[link.index("/k/") :])
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a participant account")
    expect(page.get_by_text(re.compile(f"You came through the campaign .*{campaign.code}"))).to_be_visible()
    expect(page.get_by_role("button", name="Do not count me for this campaign")).to_be_visible()
    checked(page)
    page.get_by_label("First name").fill("Halina")
    page.get_by_label("Last name").fill("Sołtysik")
    page.get_by_label("E-mail address").fill("halina@test.example")
    page.get_by_label("PESEL number").fill("44051401359")
    page.get_by_label(re.compile(r"^Password")).fill("Mocne-Haslo-2026")
    page.get_by_label("Repeat the password").fill("Mocne-Haslo-2026")
    page.get_by_label(re.compile("accept them|akceptuję")).check()
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your inbox")
    activate_from_mail(page, "halina@test.example")

    person = User.objects.get(email="halina@test.example")
    assert CampaignSignup.objects.get(user=person).campaign == campaign
