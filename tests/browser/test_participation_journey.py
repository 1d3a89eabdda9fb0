"""Issue 15's whole journey in a real browser: a participant whose plan is signed accepts her
participation agreement with a code e-mailed to her, orders the vocational package and is shown
her own contribution (amount, account, transfer title); she pays it at her bank, the financial
operator uploads the bank's statement (camt.053) and its entry pays the contribution by its title
and amount, with nobody pressing "received"; only then are the vouchers issued, and she sees them.
axe-core checks the pages the other journeys do not. In English (the language cookie)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.agreements.models import Agreement
from kierunek.vouchers.models import ContributionStatus, VoucherOrder
from kierunek.vouchers.statement_samples import SampleEntry, camt053
from tests.agreements import builders as ab
from tests.guidance.builders import signed_balance
from tests.vouchers import builders as b

from .conftest import assert_accessible
from .test_agreement_journey import accept_with_the_emailed_code, in_english, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_agreement_then_contribution_paid_by_the_bank_statement_then_vouchers(
    page: Page, live_server, tmp_path
):
    in_english(page, live_server)
    mail.outbox = []
    ab.templates()
    balance = signed_balance()
    balance.plan.areas.update(package_kind="vocational")
    marta = balance.participant
    operator = b.operator(first_name="Olga", last_name="Operatorka")

    # The agreement first, accepted with the e-mailed code.
    log_in(page, marta, staff=False)
    page.goto("/umowa/")
    page.get_by_role("button", name="Prepare my agreement").click()
    expect(page.get_by_role("status")).to_contain_text("Your agreement is ready")
    accept_with_the_emailed_code(page, marta)
    assert Agreement.objects.get(participant=marta).accepted_at is not None

    # The order leads to the contribution: what to pay, where, with which title.
    page.goto("/moje-bony/")
    page.get_by_role("button", name="Order the package Pakiet zawodowy").click()
    order = VoucherOrder.objects.get(participant=marta)
    contribution = order.contribution
    expect(page.get_by_role("heading", level=1)).to_have_text("Your own contribution")
    expect(page.locator("#contribution-title")).to_have_text(contribution.transfer_title)
    log_out(page)

    # She pays at her bank; the operator uploads the bank's statement with that payment.
    statement = tmp_path / "wyciag.xml"
    today = timezone.localdate()
    paid = SampleEntry(
        direction="credit",
        amount=contribution.amount,
        booked_on=today,
        title=f"Wkład własny {contribution.transfer_title}",
        name="Marta Participant",
        bank_reference="PKO-CAMT-0001",
    )
    statement.write_bytes(camt053(statement_id="CAMT/0001", account=b.PAYER_IBAN, entries=[paid], on=today))
    log_in(page, operator, staff=True)
    page.get_by_role("link", name="Upload a bank statement").click()
    page.get_by_label("Bank statement (camt.053 XML or MT940)").set_input_files(str(statement))
    page.get_by_role("button", name="Upload and match").click()
    expect(page.get_by_role("status")).to_contain_text("1 entries matched, 0 to resolve")
    assert_accessible(page)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PAID
    assert contribution.bank_reference == "PKO-CAMT-0001"

    # Agreement accepted and contribution paid: the vouchers are issued.
    page.goto(reverse("vouchers:operator_orders"))
    page.get_by_role("button", name=f"Issue order {order.pk}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Order no. {order.pk} is issued")
    log_out(page)

    log_in(page, marta, staff=False)
    page.get_by_role("link", name="Your vouchers and bookings").click()
    expect(page.get_by_role("cell", name=re.compile(r"^333 vouchers"))).to_be_visible()
    assert_accessible(page)
