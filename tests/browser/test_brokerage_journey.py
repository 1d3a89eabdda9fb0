"""A broker books for a participant who then confirms, in a real browser: the participant gives
the broker a mandate on their page; the broker finds a service on the participant's page and
proposes it; the participant confirms it from their own login (it is booked as them) and reads
what the broker did. axe-core checks every page, at desktop and phone width. In English (the
language cookie), so the test reads the source texts."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.brokerage.models import Mandate, Proposal
from kierunek.vouchers.models import Booking
from tests.brokerage import builders as b
from tests.vouchers import builders as vb

from .conftest import assert_accessible
from .test_office_phone_layout import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
TITLE = "Kurs obsługi kasy fiskalnej"


def in_english(page: Page, live_server) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def accessible_at_both_widths(page: Page) -> None:
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_broker_proposes_a_service_and_the_participant_confirms_it(page: Page, live_server):
    participant, _account = b.participant_with_vouchers()
    broker = b.broker(first_name="Beata", last_name="Brokerska")
    vb.card(title=TITLE)

    # The participant gives the broker a mandate to propose and book (each booking confirmed).
    log_in(page, participant)
    in_english(page, live_server)
    page.goto(reverse("brokerage:mine"))
    accessible_at_both_widths(page)
    page.locator("#id_broker").select_option(str(broker.pk))
    page.get_by_label("book and cancel on my behalf", exact=True).check()
    page.locator("#id_valid_until").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Give the mandate").click()
    expect(page.get_by_text("The mandate is given.")).to_be_visible()
    mandate = Mandate.objects.get()

    # The broker finds the service and proposes it.
    log_in(page, broker)
    in_english(page, live_server)
    page.goto(reverse("brokerage:broker"))
    accessible_at_both_widths(page)
    page.get_by_role("link", name=participant.get_full_name()).click()
    page.get_by_label("Title of the service").fill("kasy")
    page.get_by_role("button", name="Search").click()
    accessible_at_both_widths(page)
    page.get_by_role("button", name=f"Propose: {TITLE}").click()
    expect(page.get_by_text("Proposed. The participant confirms it")).to_be_visible()
    assert not Booking.objects.exists()

    # The participant confirms it from their own login: booked as them.
    log_in(page, participant)
    in_english(page, live_server)
    page.goto(reverse("brokerage:mine"))
    expect(page.get_by_text("proposed by Beata Brokerska")).to_be_visible()
    accessible_at_both_widths(page)
    page.get_by_role("button", name=f"Confirm and book: {TITLE}").click()
    assert_accessible(page)  # the confirmation page
    page.get_by_role("button", name="Confirm and book", exact=True).click()
    expect(page.get_by_text("Booked.")).to_be_visible()
    expect(page.get_by_text("Beata Brokerska proposed a service")).to_be_visible()
    accessible_at_both_widths(page)

    booking = Booking.objects.get()
    assert booking.participant == participant
    assert Proposal.objects.get().booking == booking
    assert mandate.acts.count() == 1
