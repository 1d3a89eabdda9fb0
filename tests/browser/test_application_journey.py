"""The application journey as people click it: a resident registers, saves a draft, submits the
application and is found eligible with the reasons shown; an officer reviews a case the rules sent
to manual review, and the participant sees the acceptance. axe-core checks every page.

The journeys run in English (the language switch on every page), so they hold whether or not the
Polish catalogue already has this context's messages."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from kierunek.core.models import AuditEvent
from kierunek.programmes.models import Application, ApplicationStatus
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code
from tests.programmes.helpers import application_in_review, load_demo_programme, pesel_for

from .conftest import activate_from_mail, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def demo_programme(reference_data) -> None:
    """Transactional tests empty the database; reload the programme the data migration ships."""
    from kierunek.programmes.models import Programme

    if not Programme.objects.filter(code="kierunek-kariera").exists():
        load_demo_programme()


def in_english(page: Page) -> None:
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def log_in(page: Page, email: str, *, device=None) -> None:
    page.goto("/logowanie/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if device is not None:
        page.get_by_label(re.compile("authenticator app")).fill(f"{current_code(device):06d}")
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile("/panel/"))


def test_a_resident_registers_applies_and_is_found_eligible(page: Page):
    pesel = pesel_for(date(1990, 5, 17), female=True)
    page.goto("/")
    in_english(page)
    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_label("First name").fill("Zofia")
    page.get_by_label("Last name").fill("Kowalczyk")
    page.get_by_label("E-mail address").fill("zofia.kowalczyk@test.example")
    page.get_by_label("PESEL number").fill(pesel)
    page.get_by_label(re.compile(r"^Password")).fill("Mocne-Haslo-2026")
    page.get_by_label("Repeat the password").fill("Mocne-Haslo-2026")
    page.get_by_label(re.compile("accept them|akceptuję")).check()  # the label is fixed at start-up
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your inbox")
    activate_from_mail(page, "zofia.kowalczyk@test.example")

    expect(page).to_have_url(re.compile("/panel/uczestnik/$"))
    expect(page.get_by_role("heading", name="Your application")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Apply to Kierunek Kariera").click()

    # The form, then a draft with part of the answers.
    expect(page.get_by_role("heading", level=1)).to_have_text("Application to Kierunek Kariera")
    expect(page.get_by_text("*******" + pesel[-4:])).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Gmina where you live").select_option("1261011")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft has been saved")).to_be_visible()
    expect(page.get_by_label("Gmina where you live")).to_have_value("1261011")
    assert_accessible(page)

    # Submitting too early says what is missing, next to each question.
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_role("alert")).to_contain_text("Correct what is marked below")
    expect(page.get_by_text("Choose your level of education.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Highest level of education completed").select_option("6")
    page.get_by_label("Employment status").select_option("employed")
    page.get_by_label("Form of work").select_option("employment_contract")
    page.get_by_label("Gmina where you work").select_option("1261011")
    page.get_by_label(re.compile("I consent to the processing")).check()
    page.get_by_role("button", name="Submit the application").click()

    expect(page).to_have_url(re.compile("/wniosek/decyzja/$"))
    expect(page.get_by_role("heading", name="You can take part in the programme")).to_be_visible()
    reasons = page.get_by_role("table", name="Conditions of the rule and how they went")
    expect(reasons).to_contain_text("Link to Małopolska")
    expect(reasons).to_contain_text("lives in Małopolska")
    expect(page.get_by_text(re.compile("eligibility rule in force since"))).to_contain_text("2210/25")
    assert pesel not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="My data and consents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download as JSON")).click()
    assert pesel in download.value.path().read_text(encoding="utf-8")

    application = Application.objects.get(participant__email="zofia.kowalczyk@test.example")
    assert application.status == ApplicationStatus.ELIGIBLE


def test_an_officer_reviews_a_manual_review_case(page: Page):
    application = application_in_review()
    officer = StaffUserFactory(role="officer", first_name="Katarzyna", last_name="Urzędnik")
    device = confirmed_totp_device(officer)

    page.goto("/")
    in_english(page)
    log_in(page, officer.email, device=device)
    assert_accessible(page)
    page.get_by_role("link", name="Participants' applications waiting for review").click()

    expect(page.get_by_role("table")).to_contain_text(application.participant.get_full_name())
    assert_accessible(page)
    page.get_by_role("link", name=application.participant.get_full_name()).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Application of")
    expect(page.get_by_text("an officer will check").first).to_be_visible()
    assert_accessible(page)
    assert AuditEvent.objects.filter(action="participant.file_read", actor=officer).count() == 1

    # A decision without a reason is refused, and said so.
    page.get_by_label("Accept: the person may take part").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Accept: the person may take part").check()
    page.get_by_label("Reason").fill("Zaświadczenie z uczelni sprawdzone.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("The decision has been saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Application of")
    expect(page.locator("hgroup")).to_contain_text("Accepted by an officer")
    assert_accessible(page)

    page.get_by_role("link", name="All applications").click()
    page.get_by_role("link", name="Programmes and their rules").click()
    page.get_by_role("link", name="Kierunek Kariera").click()
    expect(page.get_by_role("heading", name="Vouchers per hour by category")).to_be_visible()
    expect(page.get_by_text("811/26").first).to_be_visible()
    assert_accessible(page)

    # The participant sees the acceptance and the officer's reason.
    page.get_by_role("button", name="Log out").click()
    log_in(page, application.participant.email)
    page.get_by_role("link", name="See the decision and its reasons").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(
        "An officer has accepted your application"
    )
    expect(page.get_by_text("Zaświadczenie z uczelni sprawdzone.").first).to_be_visible()
    assert_accessible(page)
