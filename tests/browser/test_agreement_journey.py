"""The agreements in a real browser: a participant whose plan is signed prepares her agreement,
asks for a code by e-mail and accepts with it; a provider without an agreement has its card shown
as not bookable, its owner signs the programme's agreement with an e-mailed code, an officer
countersigns it (after the confirm step), and the card becomes bookable. axe-core checks every
page. Pages in English (the language cookie), so the test reads the source texts."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from kierunek.agreements.models import Agreement
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.agreements import builders as ab
from tests.guidance.builders import signed_balance
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Język niemiecki A2 dla opiekunek"


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


def accept_with_the_emailed_code(page: Page, user) -> None:
    """On an agreement's page: ask for a code, read it from the e-mail, accept."""
    page.get_by_role("button", name="E-mail me a code").click()
    expect(page.get_by_role("status")).to_contain_text("We e-mailed you a code")
    assert_accessible(page)
    code = ab.emailed_code(user)
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="I accept the agreement").click()
    expect(page.get_by_role("status")).to_contain_text("You accepted the agreement")
    expect(page.locator("#agreement-status")).to_have_text("accepted")
    assert_accessible(page)


def test_a_participant_accepts_her_agreement_with_the_emailed_code(page: Page, live_server):
    in_english(page, live_server)
    mail.outbox = []
    zofia = signed_balance().participant
    ab.templates()

    log_in(page, zofia, staff=False)
    assert_accessible(page)
    page.goto("/umowa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your agreements")
    assert_accessible(page)
    page.get_by_role("button", name="Prepare my agreement").click()
    expect(page.get_by_role("status")).to_contain_text("Your agreement is ready")
    agreement = Agreement.objects.get(participant=zofia)
    expect(page.locator("#agreement-sha256")).to_have_text(agreement.pdf_sha256)
    assert_accessible(page)
    # A wrong code first: refused on the form, nothing accepted.
    page.get_by_role("textbox", name="Code").fill("99999x")
    page.get_by_role("button", name="I accept the agreement").click()
    expect(page.get_by_text("This code is not right")).to_be_visible()
    assert_accessible(page)
    accept_with_the_emailed_code(page, zofia)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.accepted_factor) == ("accepted", "email")
    assert agreement.accepted_ip == "127.0.0.1"
    # On a phone the agreement's page has nothing sideways.
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)


def test_a_provider_signs_its_agreement_and_its_card_becomes_bookable(page: Page, live_server):
    in_english(page, live_server)
    mail.outbox = []
    account = b.issued_account()
    zofia = account.participant
    provider = b.quality_provider(agreement=False, legal_name="Akademia Opieki sp. z o.o.")
    card = b.card(provider=provider, title=TITLE)
    owner = provider_staff_of(provider)
    officer = b.officer(first_name="Olga", last_name="Urzędniczka")

    # The participant sees the card, not bookable.
    log_in(page, zofia, staff=False)
    page.goto(f"/uslugi/{card.pk}/")
    booking = page.get_by_role("region", name="Book with your vouchers")
    expect(booking).to_contain_text("no agreement with the programme in force")
    expect(page.get_by_role("button", name="Book this service")).to_have_count(0)
    assert_accessible(page)
    log_out(page)

    # The provider's owner prepares and accepts the agreement.
    log_in(page, owner, staff=True)
    page.goto("/dostawca/umowa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreements with the programme")
    assert_accessible(page)
    page.get_by_role("button", name="Prepare the agreement").click()
    expect(page.get_by_role("status")).to_contain_text("The agreement is ready")
    assert_accessible(page)
    accept_with_the_emailed_code(page, owner)
    log_out(page)

    # An officer countersigns it, after the confirm step.
    agreement = Agreement.objects.get(provider=provider)
    log_in(page, officer, staff=True)
    page.goto("/urzad/umowy/?status=accepted")
    assert_accessible(page)
    page.get_by_role("link", name=agreement.number).click()
    expect(page.locator("#in-force")).to_contain_text("Not in force")
    assert_accessible(page)
    page.get_by_role("button", name="Countersign").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Countersign agreement"))
    assert_accessible(page)
    page.get_by_role("button", name="Countersign").click()
    expect(page.get_by_role("status")).to_contain_text("The agreement is countersigned")
    expect(page.locator("#in-force")).to_contain_text("In force")
    assert_accessible(page)
    log_out(page)

    # The card is bookable now.
    log_in(page, zofia, staff=False)
    page.goto(f"/uslugi/{card.pk}/")
    page.get_by_role("button", name="Book this service").click()
    expect(page.get_by_role("status")).to_contain_text(f"You have booked {TITLE}")
    assert_accessible(page)
