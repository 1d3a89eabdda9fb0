"""Issue 3's journey in a real browser: a provider registers and applies for the MSUES mark, an
officer approves it and assigns an auditor, the auditor declares no conflict and reports, the
officer grants the mark, and the public register shows it. axe-core checks every page."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role
from kierunek.providers.models import Provider
from kierunek.quality.models import QualityMarkCase
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code
from tests.providers.factories import valid_nip, valid_regon
from tests.quality.factories import AuditorFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page: Page, user) -> None:
    device = confirmed_totp_device(user)
    page.goto("/logowanie/")
    page.get_by_label("Adres e-mail").fill(user.email)
    page.get_by_label("Hasło").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_label("Kod z aplikacji uwierzytelniającej").fill(f"{current_code(device):06d}")
    page.get_by_role("button", name="Potwierdź").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dzień dobry")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Wyloguj się").click()


def test_provider_gets_the_quality_mark_and_appears_in_the_register(page: Page):
    owner = StaffUserFactory(
        role=Role.PROVIDER_STAFF, email="wlasciciel@akademia.example", first_name="Iwona"
    )
    officer = StaffUserFactory(role=Role.OFFICER, email="urzednik@wup.example", first_name="Marek")
    auditor = AuditorFactory(
        user__email="audytor@audyt.example", user__first_name="Ewa", user__last_name="Audytorska"
    )
    nip, regon = valid_nip(), valid_regon()

    # The provider registers its institution.
    log_in(page, owner)
    page.get_by_role("link", name="Twoja instytucja").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Zarejestruj instytucję").click()
    assert_accessible(page)
    page.get_by_label("Nazwa (pełna)").fill("Akademia Umiejętności Tarnów sp. z o.o.")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("REGON").fill(regon)
    page.get_by_label("Gmina w Małopolsce").select_option(label="Tarnów (gmina miejska)")
    page.get_by_label("Ulica i numer").fill("ul. Krakowska 10")
    page.get_by_label("Kod pocztowy").fill("33-100")
    page.get_by_label("Miejscowość").fill("Tarnów")
    page.get_by_label("E-mail kontaktowy").fill("biuro@akademia.example")
    page.get_by_label("Telefon").fill("14 600 00 00")
    page.get_by_role("button", name="Zarejestruj instytucję").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akademia Umiejętności Tarnów sp. z o.o.")
    assert_accessible(page)
    log_out(page)

    # The officer approves the registration.
    log_in(page, officer)
    page.get_by_role("link", name=re.compile("Instytucje szkoleniowe oczekujące")).click()
    assert_accessible(page)
    page.get_by_role("link", name="Akademia Umiejętności Tarnów sp. z o.o.").click()
    page.get_by_label("Zatwierdź").check()
    page.get_by_role("button", name="Zapisz decyzję").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    assert Provider.objects.get(nip=nip).status == "approved"
    log_out(page)

    # The provider applies for the mark, describes one standard, and submits.
    log_in(page, owner)
    page.goto("/instytucja/znak-jakosci/")
    assert_accessible(page)
    page.locator("form[action$='/wniosek/'] button[type=submit]").click()
    assert_accessible(page)
    page.locator("button[name=transition][value=submit]").click()
    expect(page.get_by_text("oczekuje na audytora", exact=False).first).to_be_visible()
    case = QualityMarkCase.objects.get(provider__nip=nip)
    assert case.state == "awaiting_audit"
    log_out(page)

    # The officer assigns the auditor from the register.
    log_in(page, officer)
    page.goto(f"/urzad/znak-jakosci/{case.pk}/")
    assert_accessible(page)
    page.get_by_role("combobox", name="Audytor").select_option(str(auditor.pk))
    page.locator(f"form[action$='/{case.pk}/audytor/'] button[type=submit]").click()
    assert_accessible(page)
    log_out(page)

    # The auditor declares no conflict of interest and submits the report.
    log_in(page, auditor.user)
    page.goto("/audytor/audyty/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Akademia Umiejętności Tarnów")).click()
    page.get_by_label("Twoje oświadczenie").select_option("no_conflict")
    page.locator("form[action$='/oswiadczenie/'] button[type=submit]").click()
    assert_accessible(page)
    page.get_by_label("Data wizyty").fill(date.today().isoformat())
    for select in page.locator("select[name$='-result']").all():
        select.select_option("met")
    page.locator("button[name=action][value=submit]").click()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.state == "audit_reported"
    log_out(page)

    # The officer grants the mark.
    log_in(page, officer)
    page.goto(f"/urzad/znak-jakosci/{case.pk}/")
    page.locator(f"form[action$='/{case.pk}/przyznanie/'] button[type=submit]").click()
    assert_accessible(page)
    case.refresh_from_db()
    assert case.state == "granted"
    assert case.valid_until is not None
    log_out(page)

    # Anybody finds the mark in the public register.
    page.goto("/")
    page.get_by_role("link", name="Rejestr znaku jakości").click()
    page.get_by_label("Nazwa").fill("Umiejętności")
    page.get_by_role("button", name="Szukaj").click()
    entry = page.get_by_role("article").filter(has_text="Akademia Umiejętności Tarnów sp. z o.o.")
    expect(entry).to_contain_text("znak jakości przyznany")
    expect(entry).to_contain_text(case.mark_number)
    assert_accessible(page)
