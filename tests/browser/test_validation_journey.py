"""Issue 16's validation journey in a real browser: a candidate applies from the qualification's
page, assesses herself and documents an outcome with an item of her competence portfolio; the
commission's assessor declares no conflict of interest and records the results of each set on the
session's page; the candidate sees the positive result; the signer issues the certificate and a
stranger verifies its code on the public page. axe-core checks every page, at desktop and
at phone width. The pages are shown in English (the language cookie)."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.core.actor import Actor
from kierunek.validation import services
from kierunek.validation.models import Validation
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.validation import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 740}


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


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_candidate_applies_documents_with_her_portfolio_and_the_commission_records_results(
    page: Page, live_server, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    in_english(page, live_server)
    ic = b.institution()
    candidate = b.candidate()
    item = b.portfolio_item(candidate, title="Reference from the warehouse manager")

    # The candidate applies from the qualification's page.
    log_in(page, candidate, staff=False)
    page.goto(f"/kwalifikacje/{ic.qualification.code}/")
    assert_accessible(page)
    page.get_by_role("button", name="Apply for validation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for validation")
    assert_accessible(page)
    page.get_by_label("Certifying institution").select_option(str(ic.institution.pk))
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Your application was sent to the institution.")).to_be_visible()
    validation = Validation.objects.get(candidate=candidate)
    services.validation_accept(
        actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk
    )

    # Identification: she assesses herself against each outcome; the advisor closes it.
    page.reload()
    expect(page.get_by_role("heading", name="Assess yourself")).to_be_visible()
    assert_accessible(page)
    for radio in page.get_by_label("I can do it").all():
        radio.check()
    page.get_by_role("button", name="Save the self-assessment").click()
    expect(page.get_by_text("Your self-assessment was saved.")).to_be_visible()
    services.identification_finish(actor=Actor.of(ic.advisor), validation_id=validation.pk)

    # Documentation: an item of her portfolio as evidence of the first outcome.
    page.reload()
    expect(page.get_by_role("heading", name="Document your learning outcomes")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Item of your portfolio").select_option(str(item.pk))
    page.locator("input[name=portfolio-outcomes]").first.check()
    page.get_by_role("button", name="Add as evidence").click()
    expect(page.get_by_text("The portfolio item was added as evidence.")).to_be_visible()
    expect(page.get_by_text("Reference from the warehouse manager (from the portfolio)")).to_be_visible()
    services.documentation_finish(actor=Actor.of(ic.advisor), validation_id=validation.pk)
    exam = b.session(ic)

    # Verification: she takes a seat at the session.
    page.reload()
    expect(page.get_by_role("heading", name="Take a seat at a session")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Book the seat").click()
    expect(page.get_by_text("Your seat at the session is booked.")).to_be_visible()
    log_out(page)

    # The commission: Dorota declared; Marek declares in the browser and records the results.
    services.conflict_declare(actor=Actor.of(ic.signer), validation_id=validation.pk, has_conflict=False)
    log_in(page, ic.assessor, staff=True)
    expect(page.get_by_text("1 candidate in verification")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/certyfikacja/walidacje/{validation.pk}/")
    assert_accessible(page)
    page.get_by_label("No, I have none").check()
    page.get_by_role("button", name="Declare").click()
    expect(page.get_by_text("Your declaration was recorded.")).to_be_visible()
    page.goto(f"/certyfikacja/sesje/{exam.pk}/")
    assert_accessible(page)
    for radio in page.locator("main input[type=radio][value=yes]").all():
        radio.check()
    page.get_by_role("button", name="Record the results").click()
    expect(page.get_by_text("The results were recorded.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The candidate sees the positive result.
    log_in(page, candidate, staff=False)
    page.goto(f"/walidacja/{validation.pk}/")
    expect(page.get_by_text("every set of learning outcomes was passed")).to_be_visible()
    assert_accessible(page)
    validation.refresh_from_db()
    assert validation.status == "passed"
    log_out(page)

    # Dorota, the signer, issues the certificate from the validation's page, after confirming.
    log_in(page, ic.signer, staff=True)
    page.goto(f"/certyfikacja/walidacje/{validation.pk}/")
    page.get_by_role("button", name="Issue the certificate").click()
    assert_accessible(page)
    page.get_by_role("button", name="Issue the certificate").click()
    certificate = services.certificate_of(validation)
    assert certificate is not None
    expect(page.get_by_text(f"Certificate {certificate.number} issued.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # A stranger (an employer) verifies the certificate's code on the public page.
    page.goto("/certyfikaty/sprawdz/")
    page.get_by_label("Verification code").fill(certificate.code_display)
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("The certificate is valid.")
    expect(page.get_by_text(certificate.number)).to_be_visible()
    assert_accessible(page)
