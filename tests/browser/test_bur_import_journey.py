"""A provider brings its cards from the national services register (BUR) in a real browser: it
downloads the example file in BUR's layout from the import page, uploads a copy with a price per
hour that does not add up and reads the problem by record and BUR field (nothing imported), then
uploads the example as it is and gets three drafts. axe-core checks every page, at phone width
too."""

import json

import pytest
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import ServiceCard
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.providers.factories import ProviderFactory, provider_staff_of

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUR_LAYOUT = "Układ BUR: usługi tak, jak podaje je API Bazy Usług Rozwojowych (JSON)"


def log_in(page: Page, user) -> None:
    device = confirmed_totp_device(user)
    page.goto("/logowanie/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_label("Kod z aplikacji uwierzytelniającej").fill(f"{current_code(device):06d}")
    page.get_by_role("button", name="Potwierdź").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dzień dobry")


def test_a_provider_imports_its_cards_from_a_bur_file(page: Page, tmp_path):
    provider = ProviderFactory()
    log_in(page, provider_staff_of(provider))
    page.goto("/instytucja/uslugi/")
    page.get_by_role("link", name="Importuj z pliku").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importuj usługi z pliku")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Przykładowy plik w układzie BUR").click()
    example = tmp_path / "przyklad-bur.json"
    download.value.save_as(example)
    data = json.loads(example.read_text(encoding="utf-8"))
    data["lista"][1]["cenaBruttoZaGodzine"] = 9_000  # 90 zł an hour, not 3 500 zł for 30 hours
    wrong = tmp_path / "z-bledem.json"
    wrong.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    page.get_by_label("Plik z usługami (CSV lub JSON)").set_input_files(wrong)
    page.get_by_label(BUR_LAYOUT).check()
    page.get_by_role("button", name="Importuj", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nic nie zaimportowano")
    expect(alert.get_by_role("row").nth(1)).to_contain_text("cenaBruttoZaGodzine")
    expect(alert).to_contain_text("116,67 zł za godzinę")
    assert_accessible(page)
    assert not ServiceCard.objects.exists()

    page.set_viewport_size({"width": 375, "height": 740})
    page.get_by_role("link", name="Zaimportuj poprawiony plik").click()
    page.get_by_label("Plik z usługami (CSV lub JSON)").set_input_files(example)
    page.get_by_role("button", name="Importuj", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Zaimportowano 3 usługi jako szkice")
    assert_accessible(page)
    page.get_by_role("button", name="Przejdź do swoich usług").click()
    expect(page.get_by_role("link", name="Spawanie metodą MAG (135) z egzaminem")).to_be_visible()
    assert ServiceCard.objects.filter(provider=provider, status="draft").count() == 3
