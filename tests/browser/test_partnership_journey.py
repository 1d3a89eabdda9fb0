"""The partnership journey in a real browser: a partner's staff add a service to the directory and
write a good practice and submit it; the officer publishes it from the dashboard's queue; a
resident finds the service in "Find an institution" by an inflected word without diacritics, for
residents in the powiat, and reads the practice in the library. axe-core checks every page at
desktop width and on a 375 px phone, where nothing may push the page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.partnership.models import DirectoryEntry, GoodPractice
from tests.partnership import builders as b

from .conftest import assert_accessible
from .test_complaint_journey import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def checked(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_partner_adds_a_service_and_a_practice_officer_publishes_resident_finds_them(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    institution = b.partner()
    staff, officer = b.staff_of(institution), b.officer()

    # The partner's staff add a service from the dashboard.
    log_in(page, staff, staff=True)
    checked(page)
    page.get_by_role("link", name="Offer in the directory").click()
    checked(page)
    page.get_by_role("link", name="Add an entry").click()
    page.get_by_label("service", exact=True).check()
    page.get_by_label("Name of the offer").fill("Doradztwo zawodowe dla dorosłych")
    page.get_by_label("Description").fill("Rozmowy z doradcą zawodowym i bilans kompetencji.")
    page.get_by_label("residents", exact=True).check()
    page.get_by_label("How to apply").fill("Zadzwoń i umów termin.")
    checked(page)
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_role("status")).to_contain_text("The entry was saved")
    assert DirectoryEntry.objects.get().institution == institution

    # ... and write a good practice and submit it.
    page.get_by_role("link", name="Good practices", exact=True).first.click()
    page.get_by_role("link", name="Write a good practice").click()
    page.get_by_label("Title").fill("Dyżury doradcy w świetlicach wiejskich")
    page.get_by_label("Summary").fill("Doradca dyżuruje raz w miesiącu w świetlicy.")
    page.get_by_label("Description").fill("Mieszkańcy małych wsi nie muszą jechać do urzędu.")
    page.get_by_label("Tags").fill("doradztwo, obszary wiejskie")
    checked(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The good practice was saved")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("sent to the programme office")
    expect(page.locator("#practice-status")).to_contain_text("submitted for review")
    checked(page)
    log_out(page)

    # The officer publishes it from the queue.
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="Good practices to review").click()
    checked(page)
    page.get_by_role("link", name="Dyżury doradcy w świetlicach wiejskich").click()
    page.get_by_label("Publish in the library").check()
    checked(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision was recorded")
    assert GoodPractice.objects.get().status == "published"
    log_out(page)

    # A resident finds the service and reads the practice.
    page.goto("/znajdz-instytucje/")
    checked(page)
    page.get_by_label("What do you need?").fill("doradztwa zawodowego")
    page.get_by_label("For whom").select_option("residents")
    page.get_by_label("Powiat").select_option(b.WADOWICE)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("1 offer found")
    checked(page)
    page.get_by_role("link", name="Doradztwo zawodowe dla dorosłych").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Doradztwo zawodowe dla dorosłych")
    checked(page)
    page.get_by_role("link", name=institution.name).first.click()
    checked(page)
    page.get_by_role("link", name="Dyżury doradcy w świetlicach wiejskich").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dyżury doradcy w świetlicach wiejskich")
    checked(page)
