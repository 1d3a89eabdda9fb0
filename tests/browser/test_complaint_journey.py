"""The complaint journey in a real browser: a participant files a complaint from the page of a
booking the provider accepted; the officer takes it up from the dashboard; the provider's staff
answer it; the officer upholds it and, after the confirm step, freezes the provider's payouts.
axe-core checks every page at desktop width and at a 390 px phone, where nothing may push the
page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.complaints.models import Complaint
from kierunek.vouchers.models import PayoutFreeze
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Kurs obsługi wózka widłowego"
PHONE = {"width": 390, "height": 844}


def checked(page: Page) -> None:
    """axe-core at desktop width, then on a phone: accessible and nothing sideways."""
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    page.set_viewport_size(desktop)


def log_in(page: Page, user, *, staff: bool) -> None:
    device = confirmed_totp_device(user) if staff else None
    page.goto("/logowanie/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if device is not None:
        page.locator("#id_token").fill(f"{current_code(device):06d}")
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()


def test_participant_complains_provider_answers_officer_upholds_and_freezes(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    provider = b.quality_provider(legal_name="Ośrodek Szkoleń Zawodowych Dźwig sp. z o.o.")
    booking = b.accepted(b.book(b.issued_account(), b.card(provider=provider, title=TITLE)))
    participant, staff, officer = booking.participant, provider_staff_of(provider), b.officer()

    # The participant files a complaint from the booking's page.
    log_in(page, participant, staff=False)
    page.goto(f"/moje-bony/rezerwacje/{booking.pk}/")
    page.get_by_role("link", name="File a complaint about this service or its provider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File a complaint")
    checked(page)
    page.get_by_label("Subject").fill("Zajęcia praktyczne bez wózka")
    page.get_by_label("What happened").fill("Na zajęciach praktycznych nie było wózka widłowego.")
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("status")).to_contain_text("Your complaint was received")
    expect(page.locator("#complaint-status")).to_contain_text("received")
    checked(page)
    complaint = Complaint.objects.get()
    log_out(page)

    # The officer takes it up from the dashboard.
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="Complaints waiting for you").click()
    checked(page)
    page.get_by_role("link", name=f"{complaint.number}: Zajęcia praktyczne bez wózka").click()
    checked(page)
    page.get_by_role("button", name="Take up the complaint").click()
    expect(page.get_by_role("status")).to_contain_text("You took up the complaint")
    log_out(page)

    # The provider's staff answer it.
    log_in(page, staff, staff=True)
    page.get_by_role("link", name="Complaints to answer").click()
    checked(page)
    page.get_by_role("link", name=f"{complaint.number}: Zajęcia praktyczne bez wózka").click()
    page.get_by_label("Your answer").fill("Wózek był w naprawie; zajęcia powtórzymy bezpłatnie.")
    checked(page)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your answer was sent")
    expect(page.locator("#complaint-status")).to_contain_text("answered by the provider")
    log_out(page)

    # The officer upholds it and, after the confirm step, freezes the provider's payouts.
    log_in(page, officer, staff=True)
    page.goto(f"/skargi/urzad/{complaint.pk}/")
    expect(page.get_by_role("region", name="The provider's answer")).to_contain_text("Wózek był w naprawie")
    page.get_by_label("Uphold the complaint").check()
    page.get_by_label("Reason").fill("Instytucja nie zapewniła sprzętu wymaganego w karcie usługi.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision was recorded")
    checked(page)
    page.get_by_role("button", name="Freeze the provider's payouts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Freeze the provider's payouts?")
    assert not PayoutFreeze.objects.exists()
    checked(page)
    page.get_by_role("button", name="Yes, freeze the payouts").click()
    expect(page.get_by_role("status")).to_contain_text("The provider's payouts are frozen")
    expect(page.get_by_role("region", name="Money")).to_contain_text("were frozen after this complaint")
    checked(page)

    complaint.refresh_from_db()
    assert complaint.status == "upheld"
    assert complaint.payout_freeze == PayoutFreeze.objects.get(provider=provider, lifted_at__isnull=True)
