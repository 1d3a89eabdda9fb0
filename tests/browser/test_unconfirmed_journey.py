"""A service not confirmed in time, in a real browser: the provider reported it completed, the
participant never confirmed it, the scheduled deadlines sent it to the officer; the officer finds it
from the dashboard, reads the booking and its history, chooses "delivered", checks the decision on
the second step and confirms it. axe-core checks every page, at desktop and phone width."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.vouchers import domain, services
from kierunek.vouchers.models import Booking
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def accessible_on_a_phone_too(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_the_officer_confirms_a_service_not_confirmed_in_time(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    booking = b.completed(b.book(b.issued_account()))
    booking.refresh_from_db()
    services.deadlines_process(on=booking.confirm_by + timedelta(days=1))
    officer = b.officer()

    device = confirmed_totp_device(officer)
    page.goto("/logowanie/")
    page.locator("#id_username").fill(officer.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(f"{current_code(device):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")

    page.get_by_role("link", name="Services not confirmed in time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Services not confirmed in time")
    accessible_on_a_phone_too(page)
    page.get_by_role("link", name=f"Decide on booking no. {booking.pk}").click()
    expect(page.get_by_role("heading", name="History of the booking")).to_be_visible()
    accessible_on_a_phone_too(page)

    page.get_by_role("button", name="Continue").click()  # nothing chosen: errors on the page
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("Delivered: confirm")).check()
    page.get_by_label("What the decision rests on").fill("Lista obecności podpisana przez uczestnika.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your decision")).to_be_visible()
    accessible_on_a_phone_too(page)
    assert Booking.objects.get(pk=booking.pk).status == domain.UNCONFIRMED

    page.get_by_role("button", name="Yes, confirm it for settlement").click()
    expect(page.get_by_role("status")).to_contain_text(f"Booking no. {booking.pk} is confirmed")
    expect(page.get_by_text("No service waits for a decision.")).to_be_visible()
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (domain.COMPLETED, domain.OFFICER_CONFIRMED)
