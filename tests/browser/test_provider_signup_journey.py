"""A training provider signs up from the public page in a real browser: one form for the person and
the institution, the e-mailed link to choose a password, the first login (with the second factor),
the institution waiting for approval; an officer approves it as for any registration. axe-core
checks every page at desktop and at phone width (390 px)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role, User
from kierunek.providers.models import Provider
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code
from tests.providers.factories import valid_nip, valid_regon

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "Mocne-Haslo-Instytucji-2026"


def assert_accessible_at_both_widths(page: Page) -> None:
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    # every button of the page's main content is reachable on the phone (not pushed off screen)
    for button in page.locator("main button[type=submit]").all():
        box = button.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"] + 1
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)


def log_in(page: Page, email: str, password: str, device) -> None:
    page.goto("/logowanie/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_label("Kod z aplikacji uwierzytelniającej").fill(f"{current_code(device):06d}")
    page.get_by_role("button", name="Potwierdź").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dzień dobry")


def test_a_provider_signs_up_itself_and_an_officer_approves_it(page: Page):
    officer = StaffUserFactory(role=Role.OFFICER, email="urzednik@wup.example", first_name="Marek")
    nip, regon = valid_nip(), valid_regon()
    page.set_viewport_size(DESKTOP)

    # From the login page to the public sign-up.
    page.goto("/logowanie/")
    page.get_by_role("link", name="Zarejestruj swoją instytucję").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zarejestruj swoją instytucję")
    assert_accessible_at_both_widths(page)

    page.get_by_label("Twoje imię").fill("Iwona")
    page.get_by_label("Twoje nazwisko").fill("Żak")
    page.get_by_label("Twój adres e-mail (do logowania)").fill("iwona@akademia.example")
    page.get_by_label("Nazwa (pełna)").fill("Akademia Umiejętności Bochnia sp. z o.o.")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("REGON").fill(regon)
    page.get_by_label("Gmina w Małopolsce").select_option(label="Tarnów (gmina miejska)")
    page.get_by_label("Ulica i numer").fill("ul. Krakowska 10")
    page.get_by_label("Kod pocztowy").fill("33-100")
    page.get_by_label("Miejscowość").fill("Tarnów")
    page.get_by_label("E-mail kontaktowy").fill("biuro@akademia.example")
    page.get_by_label("Telefon").fill("14 600 00 00")
    page.get_by_role("button", name="Zarejestruj instytucję i załóż konto").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sprawdź skrzynkę")
    assert_accessible_at_both_widths(page)
    user = User.objects.get(email="iwona@akademia.example")
    assert Provider.objects.get(nip=nip).status == "pending"

    # The link in the e-mail: she chooses her password.
    message = next(m for m in reversed(mail.outbox) if m.to == ["iwona@akademia.example"])
    link = re.search(r"https?://[^/\s]+(/haslo/reset/\S+)", message.body)
    assert link is not None
    page.goto(link.group(1))
    assert_accessible_at_both_widths(page)
    page.locator("input[name=new_password1]").fill(PASSWORD)
    page.locator("input[name=new_password2]").fill(PASSWORD)
    page.get_by_role("button", name="Zapisz hasło").click()
    assert_accessible(page)

    # Her first login (her authenticator app already set up), and the institution waiting.
    log_in(page, user.email, PASSWORD, confirmed_totp_device(user))
    page.goto("/instytucja/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Akademia Umiejętności Bochnia sp. z o.o.")
    assert_accessible_at_both_widths(page)
    page.get_by_role("button", name="Wyloguj się").click()

    # The officer approves the registration, as for any other.
    log_in(page, officer.email, DEFAULT_PASSWORD, confirmed_totp_device(officer))
    page.get_by_role("link", name=re.compile("Instytucje szkoleniowe oczekujące")).click()
    assert_accessible_at_both_widths(page)
    page.get_by_role("link", name="Akademia Umiejętności Bochnia sp. z o.o.").click()
    assert_accessible_at_both_widths(page)
    page.get_by_label("Zatwierdź").check()
    page.get_by_role("button", name="Zapisz decyzję").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert Provider.objects.get(nip=nip).status == "approved"
