"""The own contribution in a real browser: a participant whose plan includes the vocational package
sees what ordering it would ask, orders it and finds the amount, the account, the transfer title,
the deadline and the transfer's QR code (on a phone too); the financial operator cannot issue it
yet, records the payment from the contributions page (confirmed first) and then issues it; the
participant sees the vouchers. axe-core checks every page. In English (the language cookie)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kierunek.vouchers.models import ContributionStatus, VoucherOrder
from tests.vouchers import builders as b

from .conftest import assert_accessible
from .test_voucher_journey import in_english, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_contribution_is_shown_paid_recorded_and_the_vouchers_issued(page: Page, live_server):
    in_english(page, live_server)
    marta = b.participant_with_plan("vocational")
    operator = b.operator(first_name="Olga", last_name="Operatorka")

    # Before ordering, the wallet says what the vocational package would ask.
    log_in(page, marta, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    packages = page.get_by_role("table", name="Packages of the programme")
    expect(packages).to_contain_text("649,35")
    assert_accessible(page)
    page.get_by_role("button", name="Order the package Pakiet zawodowy").click()

    # The order leads to the contribution: amount, account, title, deadline, the QR code.
    order = VoucherOrder.objects.get(participant=marta)
    contribution = order.contribution
    expect(page.get_by_role("heading", level=1)).to_have_text("Your own contribution")
    expect(page.get_by_role("status")).to_contain_text("Pay your own contribution by")
    expect(page.locator("#contribution-amount")).to_contain_text("649,35")
    expect(page.locator("#contribution-account")).to_have_text("PL92 1130 1017 0020 1234 5620 0001")
    expect(page.locator("#contribution-title")).to_have_text(contribution.transfer_title)
    expect(page.locator("#contribution-due")).to_have_text(f"{contribution.due_on:%d.%m.%Y}")
    expect(page.get_by_role("img", name="QR code of the transfer for your bank's app")).to_be_visible()
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size(desktop)
    log_out(page)

    # The operator cannot issue it while it is unpaid.
    log_in(page, operator, staff=True)
    page.goto(reverse("vouchers:operator_orders"))
    expect(page.get_by_role("row", name=re.compile(contribution.transfer_title))).to_be_visible()
    page.get_by_role("button", name=f"Issue order {order.pk}").click()
    expect(page.get_by_role("alert")).to_contain_text("own contribution has not been paid")
    assert_accessible(page)

    # The bank statement shows the payment: the operator records it (asked first).
    page.get_by_role("link", name="Own contributions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Own contributions")
    assert_accessible(page)
    page.locator(f"#received-{contribution.pk}-bank_reference").fill("PKO-2026-0001")
    page.get_by_role("button", name=f"Mark {contribution.transfer_title} as received").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(contribution.transfer_title)
    assert_accessible(page)
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("status")).to_contain_text("is recorded")
    assert_accessible(page)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PAID

    # Now the vouchers are issued.
    page.goto(reverse("vouchers:operator_orders"))
    page.get_by_role("button", name=f"Issue order {order.pk}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Order no. {order.pk} is issued")
    log_out(page)

    log_in(page, marta, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    expect(page.get_by_role("cell", name=re.compile(r"^333 vouchers"))).to_be_visible()
    assert_accessible(page)
