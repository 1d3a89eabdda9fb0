"""The foundation's journeys as a person clicks them: home page, registration, login as every demo
role with the second factor for staff, and the language switch. axe-core checks every page."""

import re

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from kierunek.accounts.demo import DEMO_PASSWORD, demo_email
from kierunek.accounts.domain import ROLE_SLUGS, demo_totp_key
from kierunek.accounts.models import STAFF_ROLES, Role, User

from .conftest import activate_from_mail, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def demo_code(email: str, offset_steps: int = 0) -> str:
    generator = TOTP(bytes.fromhex(demo_totp_key(email)))
    generator.time += 30 * offset_steps
    return f"{generator.token():06d}"


def test_home_page_explains_the_programme_and_is_keyboard_friendly(page: Page):
    page.goto("/")

    expect(page).to_have_title(re.compile("Kierunek"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Naucz się")
    expect(page.get_by_role("heading", name="Jak to działa")).to_be_visible()
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Przejdź do treści")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_participant_registers_and_sees_their_dashboard(page: Page):
    page.goto("/")
    page.get_by_role("link", name="Załóż konto").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Załóż konto uczestnika")
    assert_accessible(page)

    page.get_by_label("Imię").fill("Zofia")
    page.get_by_label("Nazwisko").fill("Kowalczyk")
    page.get_by_label("Adres e-mail").fill("zofia@test.example")
    page.get_by_label("Numer PESEL").fill("44051401358")  # wrong check digit
    page.get_by_label(re.compile(r"^Hasło")).fill("Mocne-Haslo-2026")
    page.get_by_label("Powtórz hasło").fill("Mocne-Haslo-2026")
    page.get_by_label(re.compile("akceptuję")).check()
    page.get_by_role("button", name="Załóż konto").click()

    expect(page.get_by_text("cyfra kontrolna")).to_be_visible()
    assert_accessible(page)  # the page with errors too
    assert not User.objects.filter(email="zofia@test.example").exists()

    page.get_by_label("Numer PESEL").fill("44051401359")
    page.get_by_label(re.compile(r"^Hasło")).fill("Mocne-Haslo-2026")
    page.get_by_label("Powtórz hasło").fill("Mocne-Haslo-2026")
    page.get_by_role("button", name="Załóż konto").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprawdź skrzynkę e-mail")
    assert_accessible(page)
    activate_from_mail(page, "zofia@test.example")
    expect(page).to_have_url(re.compile("/panel/uczestnik/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zofia")
    expect(page.get_by_text("*******1359")).to_be_visible()
    assert "44051401359" not in page.content()
    assert_accessible(page)


@pytest.mark.parametrize("role", list(Role))
def test_every_demo_role_logs_in(page: Page, role: str):
    call_command("seed_demo", size="small", no_progress=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    email = demo_email(role)

    page.goto("/logowanie/")
    assert_accessible(page)
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()

    if role in STAFF_ROLES:  # a teacher and a candidate act for themselves: no second factor
        expect(page.get_by_role("heading", level=1)).to_have_text("Potwierdź logowanie")
        assert_accessible(page)
        page.get_by_label("Kod z aplikacji uwierzytelniającej").fill(demo_code(email))
        page.get_by_role("button", name="Potwierdź").click()

    expect(page).to_have_url(re.compile(f"/panel/{ROLE_SLUGS[role]}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dzień dobry")
    assert_accessible(page)


def test_staff_without_a_device_enrols_with_a_qr_code(page: Page, django_user_model):
    from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory

    advisor = StaffUserFactory(role=Role.ADVISOR, email="nowa.doradczyni@test.example")
    page.goto("/logowanie/")
    page.get_by_label("Adres e-mail").fill(advisor.email)
    page.get_by_label("Hasło").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Włącz logowanie dwuskładnikowe")
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("code.secret").inner_text()
    import base64

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Kod z aplikacji uwierzytelniającej").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Potwierdź").click()

    # The backup codes are shown once, on their own page, before the dashboard.
    expect(page.get_by_role("heading", level=1)).to_have_text("Twoje kody zapasowe")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("button", name="Zapisałem(-am) kody, dalej").click()

    expect(page).to_have_url(re.compile("/panel/doradca/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Drugi składnik i kody zapasowe").click()
    expect(page.get_by_text("Masz 10 niewykorzystanych kodów zapasowych.")).to_be_visible()
    assert_accessible(page)


def test_language_switch_to_english_and_back(page: Page):
    page.goto("/logowanie/")
    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page).to_have_url(re.compile("/logowanie/$"))
    assert_accessible(page)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Learn something new")
    assert_accessible(page)
    page.get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
