"""The participant's pages that hold tables fit a 390 px phone (390 by 844) with every action
visible: the development plan, the free slots, the decision on the application and the wallet.
Under the breakpoint their tables become cards (kierunek.css, ``table.stack``), so no column —
a status, a "Cancel" or "Book" button — is pushed off the screen. axe-core checks every page.

The pages are in Polish, the default, whose labels are the longer ones."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.accounts.factories import DEFAULT_PASSWORD
from tests.catalogue.factories import ServiceCardFactory
from tests.guidance.builders import advisor, signed_balance, slot
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 390, 844

# Every control a person may use, and where it ends on the screen (skipping what is not shown).
_CONTROLS_OFF_SCREEN = """(width) => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, td, th')]
  .filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden'
      && box.right > width + 0.5;
  })
  .map((element) => element.outerHTML.slice(0, 160))"""


_WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter((element) => element.getBoundingClientRect().right > width + 0.5)
  .map((element) => element.outerHTML.slice(0, 160))"""


def assert_fits_the_phone(page: Page, *key_actions: str) -> None:
    """Nothing scrolls sideways, no control or cell ends past the right edge, and each of the key
    actions is on the page and within the screen's width."""
    assert page.evaluate(_CONTROLS_OFF_SCREEN, WIDTH) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.evaluate(_WIDEST, WIDTH)
    for selector in key_actions:
        actions = page.locator(selector)
        assert actions.count() > 0, f"{selector} on {page.url}"
        for index in range(actions.count()):
            box = actions.nth(index).bounding_box()
            assert box is not None, f"{selector} is not shown on {page.url}"
            assert box["x"] >= 0, (selector, box, page.url)
            assert box["x"] + box["width"] <= WIDTH, (selector, box, page.url)
    assert_accessible(page)


def test_plan_slots_decision_and_wallet_fit_a_phone(page: Page):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    balance = signed_balance()
    participant = balance.participant
    ServiceCardFactory(title="Język angielski B1 — kurs konwersacyjny dla pracujących w usługach")
    barbara = advisor(first_name="Barbara", last_name="Doradczyk-Wierzbięta")
    slot(barbara, starts_in=timedelta(days=3))
    slot(barbara, starts_in=timedelta(days=4), online=True)
    booking = b.book(b.issued_account(participant))
    b.book(
        booking.voucher_account, b.card(title="Kwalifikacja wstępna przyspieszona — przewóz rzeczy kat. C")
    )

    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(participant.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/logowanie/" not in url)

    page.goto(reverse("guidance:my_plan"))
    assert_fits_the_phone(
        page,
        f"main a[href='{reverse('guidance:my_plan_pdf')}']",
        f"main form[action='{reverse('guidance:plan_acknowledge')}'] button",
        f"main form[action='{reverse('guidance:plan_feedback')}'] button",
        "main a[href$='#card-booking']",  # book a recommended service
        "main table tbody tr",
    )

    page.goto(reverse("guidance:slots"))
    assert_fits_the_phone(page, "main table tbody button", "main table tbody td:not(:empty)")

    page.goto(reverse("programmes:decision"))
    assert_fits_the_phone(
        page, f"main a[href='{reverse('programmes:my_data')}']", "main table tbody td:not(:empty)"
    )

    page.goto(reverse("vouchers:wallet"))
    bookings = "main section[aria-labelledby=bookings-title] tbody"
    assert_fits_the_phone(
        page,
        f"{bookings} th a",  # the booking's page
        f"{bookings} td:not(:empty)",  # its status ("Stan") and deadlines among them
        f"{bookings} :is(button, a[href*='/anuluj/'])",  # "Odwołaj"
    )
