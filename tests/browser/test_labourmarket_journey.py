"""The human-resources offer in a real browser: an investor opens the map from the home page,
follows a powiat by keyboard, reads its labour facts and sees the residents' cells under ten people
suppressed; the officer imports a file with an error (and reads the row errors), then a good one.
axe-core checks every page at desktop width and on a 375 px phone, where nothing may push the page
sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.labourmarket.models import FactImport
from tests.labourmarket import builders as b

from .conftest import assert_accessible
from .test_complaint_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def checked(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    page.set_viewport_size(desktop)


def _wadowice_facts() -> None:
    b.facts("population", "1218;wadowicki;101500")
    b.facts("unemployment", "1218;wadowicki;3210;4,9", source="WUP w Krakowie")
    b.facts("graduates", "1218;;informatyka;120", "1218;;budownictwo;45")
    b.facts("barometer", "1218;;spawacze;deficytowy", "1218;;ekonomiści;nadwyżkowy")
    communication, information = b.skill_under("S1"), b.skill_under("S2")
    people = [b.resident(b.WADOWICE) for _ in range(12)]
    for person in people:
        b.confirmed(person, communication)
    for person in people[:3]:
        b.confirmed(person, information)


def test_investor_follows_a_powiat_from_the_map_officer_imports_facts(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    _wadowice_facts()

    # The investor finds the offer from the home page and the map.
    page.goto("/")
    page.get_by_role("link", name="For investors: the human-resources offer of Małopolska's powiats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Human-resources offer of Małopolska's powiats")
    expect(page.locator("svg.powiat-map a")).to_have_count(22)
    checked(page)

    # Each powiat on the map is a link with its name, reached and followed by keyboard.
    powiat_link = page.get_by_role("link", name="powiat wadowicki", exact=True).first
    powiat_link.focus()
    expect(powiat_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Human-resources offer: powiat wadowicki")
    expect(page.locator("#unemployment-rate")).to_have_text("4.9%")
    expect(page.get_by_text("Source: WUP w Krakowie; as of 31 December 2025.")).to_be_visible()
    shortage = page.get_by_role("region", name="Occupations in shortage")
    expect(shortage).to_contain_text("spawacze")

    # The residents' figures: 3 people with an S2 skill are under ten, and S1's 12 are hidden with
    # them, since the total of 12 would give the 3 away; the total is shown.
    competences = page.get_by_role("table", name="Competences confirmed in competence balances")
    expect(competences.get_by_role("row").filter(has_text="S2")).to_contain_text("<10")
    expect(competences.get_by_role("row").filter(has_text="S1")).to_contain_text("<10")
    expect(competences.get_by_role("row").filter(has_text="People in total")).to_contain_text("12")
    checked(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename == "oferta-kadrowa-wadowicki.csv"

    # The officer imports a file with an error, reads the row errors, then imports a good one.
    officer = b.officer()
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="Labour facts of the powiats").click()
    checked(page)
    page.get_by_label("working-age population").check()
    page.get_by_label("Source of the figures").fill("GUS, Bank Danych Lokalnych")
    page.get_by_label("Reference date").fill("2026-06-30")
    bad = b.csv_file("teryt;powiat;working_age_population", "1201;bocheński;72000", "1299;;100")
    page.get_by_label("CSV file").set_input_files(
        {"name": "ludnosc.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Import", exact=True).click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Nothing was imported: 1 problem")
    expect(errors.get_by_role("row").filter(has_text="teryt")).to_contain_text("Not the TERYT code")
    checked(page)
    assert not FactImport.objects.filter(file_name="ludnosc.csv").exists()

    good = b.csv_file("teryt;powiat;working_age_population", "1201;bocheński;72000", "1218;wadowicki;102000")
    page.get_by_label("working-age population").check()
    page.get_by_label("Source of the figures").fill("GUS, Bank Danych Lokalnych")
    page.get_by_label("Reference date").fill("2026-06-30")
    page.get_by_label("CSV file").set_input_files(
        {"name": "ludnosc.csv", "mimeType": "text/csv", "buffer": good}
    )
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Imported 2 rows of working-age population.")
    expect(page.get_by_role("region", name="Import history")).to_contain_text("ludnosc.csv")
    checked(page)

    page.goto("/oferta-kadrowa/wadowicki/")
    expect(page.locator("#working-age")).to_have_text("102,000")
