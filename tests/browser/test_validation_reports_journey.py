"""Issue 16 §6 in a real browser: the institution's signer accepts an application with a fee on the
validation's page, then opens the quarterly report from the dashboard and chooses a quarter; an
officer reads every institution's report and the pass rates. axe-core checks every page, at
desktop and at phone width. The pages are shown in English (the language cookie)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.validation import reports
from kierunek.validation.models import Validation
from tests.accounts.factories import StaffUserFactory
from tests.validation import builders as b

from .conftest import assert_accessible
from .test_validation_journey import PHONE, in_english, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_signer_sets_a_fee_and_reads_the_quarterly_report(page: Page, live_server, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    in_english(page, live_server)
    ic = b.institution()
    validation = b.applied(ic)

    log_in(page, ic.signer, staff=True)
    page.goto(f"/certyfikacja/walidacje/{validation.pk}/")
    assert_accessible(page)
    page.get_by_label("Validation advisor").select_option(str(ic.advisor.pk))
    page.get_by_label("Fee for the validation (zł; 0 when free)").fill("1 250,50")
    page.get_by_role("button", name="Accept and name the advisor").click()
    expect(page.get_by_text("The application was accepted")).to_be_visible()
    assert "1\u00a0250,50\u00a0zł" in page.locator("main").inner_text()
    validation.refresh_from_db()
    assert validation.fee == 125050

    b.record(ic, b.seated(ic, b.in_verification(ic, fee=0)))
    page.goto(reverse("portal:dashboard"))
    page.get_by_role("link", name="Quarterly report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly report")
    assert_accessible(page)
    today = timezone.localdate()
    current = reports.Quarter(today.year, (today.month - 1) // 3 + 1)
    page.get_by_label("Year", exact=True).fill(str(current.year))
    page.get_by_label("Quarter", exact=True).select_option(str(current.number))
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#report-free")).to_have_text("1")
    assert_accessible(page)
    log_out(page)

    log_in(page, StaffUserFactory(role="officer"), staff=True)
    page.goto(f"/biuro/instytucje-certyfikujace/raporty/?rok={current.year}&kwartal={current.number}")
    expect(page.get_by_role("link", name=ic.institution.name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Pass rates of validations").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pass rates of validations")
    assert_accessible(page)
    assert Validation.objects.filter(fee=0).count() == 1
