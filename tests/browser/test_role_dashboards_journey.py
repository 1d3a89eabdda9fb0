"""The dashboards of each kind of reader in a real browser: the public board for anybody; the
officer opens every board from the list of dashboards, changes the period in place and chooses a
gmina; a gmina's coordinator sees their own gmina. axe-core checks each board at desktop width and
on a 375 px phone (no horizontal scroll)."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.outreach.builders import coordinator
from tests.programmes.helpers import gmina, pesel_for, submitted_application

from .test_complaint_journey import log_in
from .test_labourmarket_journey import checked

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIELICZKA = "1219053"
TITLES = {
    "urzad": "The office's dashboard",
    "operator": "The financial operator's dashboard",
    "rada": "The programme council's dashboard",
    "partner": "The partners' dashboard",
    "publiczny": "The programme in figures",
}


def test_every_role_dashboard_reads_well_on_desktop_and_phone(page: Page, live_server, settings):
    settings.KIERUNEK_DISCLOSURE_THRESHOLD = 3
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    for _ in range(4):
        submitted_application(
            ParticipantFactory(profile=pesel_for(date(1985, 1, 1))), residence_gmina=gmina(WIELICZKA)
        )
    year = str(timezone.localdate().year)

    page.goto("/raporty/pulpit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES["publiczny"])
    checked(page)

    officer = StaffUserFactory(role=Role.OFFICER)
    log_in(page, officer, staff=True)
    page.goto("/raporty/pulpit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES["urzad"])
    page.get_by_label("Period").select_option(f"{year}-Q1")
    expect(page.locator("#item1-indicator-title")).to_contain_text(f"{year}-Q1")
    assert f"okres={year}-Q1" in page.url
    page.get_by_label("Period").select_option(year)
    expect(page.locator("#item1-indicator-title")).to_contain_text(f"({year})")
    expect(page.locator("#dashboard-result")).to_contain_text("wielicki")
    checked(page)
    for slug in ("operator", "rada", "partner"):
        page.get_by_role("navigation", name="Dashboards").get_by_role("link", name=TITLES[slug]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[slug])
        checked(page)
    page.get_by_role("navigation", name="Dashboards").get_by_role(
        "link", name="The gmina's dashboard"
    ).click()
    page.get_by_label("Gmina").select_option(WIELICZKA)
    expect(page.locator("#gmina-title")).to_contain_text("Wieliczka")
    expect(page.get_by_role("row", name="People who registered")).to_contain_text("4")
    checked(page)

    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    log_in(page, coordinator(WIELICZKA), staff=True)
    page.goto("/raporty/pulpit/")
    expect(page.locator("#gmina-title")).to_contain_text("Wieliczka")
    expect(page.get_by_label("Gmina")).to_have_count(0)
    checked(page)
