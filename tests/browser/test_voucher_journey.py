"""The voucher journey in a real browser: a participant with a signed development plan orders the
general package; the financial operator issues it (through the service, so this journey does not
depend on the office pages); the participant finds a service, sees the vouchers it takes and
books it; the provider's staff accept, record attendance and report completion; the participant
confirms attendance and rates the service; one financial operator settles and builds a payment
batch, a second approves it and downloads the pain.001 file. axe-core checks every page.

The pages are shown in English (the language cookie), so the test reads the source texts whatever
the state of the Polish catalogue."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import ServiceCard, ServiceSession
from kierunek.evaluations.models import SurveyResponse
from kierunek.vouchers.models import Booking, PaymentBatch, VoucherOrder
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Język angielski B1 w pracy z pacjentem"


def in_english(page: Page, live_server) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


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
    assert_accessible(page)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()


def move_the_service_into_the_past(card: ServiceCard, days: int = 10) -> None:
    """A booking is made at least 3 days before the service starts, so the service is built in
    the future; once booked and accepted, its dates and sessions move into the past (a queryset
    update, as if the weeks had gone by) so that the provider can record attendance and report."""
    shift = card.starts_on - (b.later(-days))
    ServiceCard.objects.filter(pk=card.pk).update(
        starts_on=card.starts_on - shift,
        ends_on=card.ends_on - shift,
        enrolment_deadline=card.enrolment_deadline - shift,
    )
    for session in ServiceSession.objects.filter(card=card):
        ServiceSession.objects.filter(pk=session.pk).update(date=session.date - shift)


def test_order_issue_book_deliver_rate_settle_pay(page: Page, live_server, tmp_path):
    in_english(page, live_server)
    zofia = b.participant_with_plan("general")
    provider = b.quality_provider(legal_name="Szkoła Językowa Lingua sp. z o.o.")
    card = b.card(provider=provider, title=TITLE)
    staff = provider_staff_of(provider)
    first_operator = b.operator(first_name="Olga", last_name="Operatorka")
    second_operator = b.operator(first_name="Piotr", last_name="Zatwierdzający")

    # The participant orders the general package her plan includes.
    log_in(page, zofia, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vouchers")
    assert_accessible(page)
    page.get_by_role("button", name="Order the package Pakiet ogólny").click()
    expect(page.get_by_role("status")).to_contain_text("You have ordered the package Pakiet ogólny")
    assert_accessible(page)

    log_out(page)

    # The financial operator issues it from the orders page.
    order = VoucherOrder.objects.get(participant=zofia)
    log_in(page, first_operator, staff=True)
    page.goto(reverse("vouchers:operator_orders"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Voucher orders to issue")
    assert_accessible(page)
    page.get_by_role("button", name=f"Issue order {order.pk}").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    order.refresh_from_db()
    assert order.status == "issued"
    log_out(page)

    log_in(page, zofia, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    expect(page.get_by_role("cell", name=re.compile(r"^180 vouchers"))).to_be_visible()

    # She finds the service, sees what it takes and books it.
    page.get_by_role("link", name="Find a service to book").click()
    page.get_by_label("What do you want to learn?").fill("angielski pacjentem")
    page.get_by_label("What do you want to learn?").press("Enter")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    booking_section = page.get_by_role("region", name="Book with your vouchers")
    expect(booking_section).to_contain_text("this service takes 32 vouchers")
    expect(booking_section).to_contain_text("750,00")
    assert_accessible(page)
    page.get_by_role("button", name="Book this service").click()
    expect(page.get_by_role("status")).to_contain_text(f"You have booked {TITLE}")
    expect(page.get_by_role("cell", name=re.compile(r"^148 vouchers"))).to_be_visible()
    assert_accessible(page)
    # The wallet on her phone: nothing sideways but the tables, which the keyboard can reach.
    desktop = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size(desktop)
    booking = Booking.objects.get(participant=zofia)
    log_out(page)

    # The provider accepts the booking.
    log_in(page, staff, staff=True)
    page.get_by_role("link", name="Bookings of your services").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"No. {booking.pk}", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Accept the booking").click()
    expect(page.get_by_role("status")).to_contain_text("The booking is accepted")
    assert_accessible(page)

    # Weeks go by: the service has taken place.
    move_the_service_into_the_past(card)

    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_role("status")).to_contain_text("The attendance is saved")
    page.get_by_role("link", name="Report the result").click()
    assert_accessible(page)
    page.get_by_role("radio", name="completed", exact=True).check()
    page.get_by_label("Certificate number or exam result").fill("LINGUA/2026/118")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("status")).to_contain_text("The report is saved")
    assert_accessible(page)
    log_out(page)

    # The participant confirms her attendance and rates the service.
    log_in(page, zofia, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("region", name="Attendance recorded by the provider")).to_contain_text("present")
    expect(page.get_by_text("LINGUA/2026/118")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I confirm my attendance").click()
    expect(page.get_by_role("status")).to_contain_text("you have confirmed your attendance")
    page.get_by_role("link", name="Rate the service (anonymous survey)").click()
    expect(page.get_by_text("This survey is anonymous.")).to_be_visible()
    assert_accessible(page)
    for legend, score in [
        ("Content of the service", "5 (very good)"),
        ("The trainer", "5 (very good)"),
        ("Organisation", "4 (good)"),
        ("Usefulness for me", "5 (very good)"),
    ]:
        page.get_by_role("group", name=legend).get_by_label(score).check()
    page.get_by_label("Comment (optional)").fill("Dużo rozmów, mało gramatyki.")
    page.get_by_role("button", name="Send the survey").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your evaluation")
    assert_accessible(page)
    assert SurveyResponse.objects.get(card=card).organisation == 4
    log_out(page)

    # One financial operator settles and builds the payment batch ...
    log_in(page, first_operator, staff=True)
    page.goto(reverse("vouchers:operator_settlement"))
    assert_accessible(page)
    page.get_by_role("button", name="Settle", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    booking.refresh_from_db()
    assert booking.status == "settled"
    # The run has its own page (it goes on in the background); its next step leads back.
    page.get_by_role("button", name="Back to the settlement").click()
    # the bank executes it today, so that it can be marked paid below
    page.get_by_label("Execution date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Build a payment batch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Payment batch")
    assert_accessible(page)
    batch = PaymentBatch.objects.get()
    assert batch.total == booking.amount
    log_out(page)

    # ... and a second one approves it and downloads the bank file.
    log_in(page, second_operator, staff=True)
    page.goto(reverse("vouchers:operator_batch", args=[batch.pk]))
    page.get_by_role("button", name="Approve the batch").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the bank file (pain.001 XML)").click()
    xml = download_info.value.path().read_text(encoding="utf-8")
    assert batch.reference in xml
    assert '<InstdAmt Ccy="PLN">480.00</InstdAmt>' in xml
    assert b.IBAN in xml

    # The bank took the file and paid: its statement, uploaded, makes the batch paid, and the
    # reconciliation agrees.
    page.get_by_role("button", name="Mark as sent to the bank").click()
    statement = tmp_path / "wyciag.xml"
    statement.write_bytes(b.statement_of(b.bank_entries(batch)))
    page.goto(reverse("vouchers:operator_statements"))
    page.get_by_label("Bank statement (camt.053 XML or MT940)").set_input_files(str(statement))
    page.get_by_role("button", name="Upload and match").click()
    expect(page.get_by_role("status")).to_contain_text(f"Paid now: {batch.reference}.")
    batch.refresh_from_db()
    assert batch.status == "paid"
    page.goto(reverse("vouchers:operator_reconciliation"))
    expect(page.locator("#reconciliation-result")).to_have_text("Everything agrees: every difference is 0.")
    expect(page.locator("#no-violations")).to_be_visible()
    assert_accessible(page)
