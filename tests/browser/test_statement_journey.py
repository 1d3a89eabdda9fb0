"""Bank statements in a real browser: the financial operator finds the statements from the
dashboard, uploads the bank's MT940 statement of a sent batch whose one transfer the bank booked
without its reference, sees it left to resolve, resolves it to the transfer (asked first), and the
batch becomes paid; the reconciliation with the bank agrees. axe-core checks every page, at
desktop and phone width."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.models import BatchStatus
from kierunek.vouchers.statement_samples import SampleEntry, mt940
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def accessible_on_a_phone_too(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_the_operator_uploads_a_statement_resolves_an_entry_and_the_batch_is_paid(
    page: Page, live_server, tmp_path
):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    builder = b.operator()
    batch = b.built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    line = batch.lines.get()
    today = timezone.localdate()
    # The bank booked our transfer without the title we gave it, and charged a fee.
    entries = [
        SampleEntry(
            "debit",
            line.amount,
            today,
            title="PRZELEW WYCHODZACY",
            name=line.creditor_name,
            account=line.iban,
        ),
        SampleEntry("debit", 150, today, title="Opłata za przelew"),
    ]
    statement = tmp_path / "wyciag.sta"
    statement.write_bytes(mt940(statement_number="00077", account=b.PAYER_IBAN, entries=entries, on=today))
    operator = b.operator()

    device = confirmed_totp_device(operator)
    page.goto("/logowanie/")
    page.locator("#id_username").fill(operator.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(f"{current_code(device):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")

    page.get_by_role("link", name="Upload a bank statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bank statements")
    accessible_on_a_phone_too(page)
    page.get_by_role("button", name="Upload and match").click()  # no file: the error on the form
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Bank statement (camt.053 XML or MT940)").set_input_files(str(statement))
    page.get_by_role("button", name="Upload and match").click()
    expect(page.get_by_role("status")).to_contain_text("0 entries matched, 2 to resolve")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement MT940/00077")
    accessible_on_a_phone_too(page)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT

    page.get_by_role("link", name="Entries to resolve").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entries to resolve")
    accessible_on_a_phone_too(page)
    page.get_by_role("link", name="MT940/00077/1").click()
    accessible_on_a_phone_too(page)
    page.get_by_label("Reference of the transfer (end-to-end id)").fill(line.end_to_end_id)
    page.get_by_label("Note (why)").fill("Bank nie przekazał tytułu; kwota i odbiorca się zgadzają.")
    page.get_by_role("button", name="Resolve the entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resolve this entry of the bank by hand?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, resolve the entry").click()
    expect(page.get_by_role("status")).to_contain_text("The entry is resolved.")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID

    page.get_by_role("link", name="MT940/00077/2").click()
    page.get_by_label("Why is it ignored?").fill("Opłata bankowa za przelew.")
    page.get_by_role("button", name="Ignore the entry").click()
    expect(page.get_by_text("Nothing to resolve: every entry is matched or decided.")).to_be_visible()

    page.goto(f"/rozliczenia/uzgodnienie-z-bankiem/?programme={batch.programme_id}")
    expect(page.locator("#bank-reconciliation-result")).to_contain_text("The ledger and the bank agree")
    accessible_on_a_phone_too(page)
