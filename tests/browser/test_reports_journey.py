"""The reports in a real browser: the officer goes from the dashboard to the reports, chooses the
indicator, this year and the powiat breakdown (the page changes in place), reads the chart, the
map and the table, and downloads the XLSX; a member of the public opens the open data and a file.
axe-core checks each page at desktop width and on a 375 px phone."""

import io
from datetime import date

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from kierunek.reports.opendata import opendata_refresh
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.programmes.helpers import gmina, pesel_for, submitted_application

from .test_complaint_journey import log_in
from .test_labourmarket_journey import checked

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_officer_filters_the_report_by_powiat_and_downloads_it_public_reads_open_data(
    page: Page, live_server, settings
):
    settings.KIERUNEK_DISCLOSURE_THRESHOLD = 3
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    for _ in range(4):
        submitted_application(
            ParticipantFactory(profile=pesel_for(date(1985, 1, 1))), residence_gmina=gmina("1261011")
        )
    for _ in range(3):
        submitted_application(
            ParticipantFactory(profile=pesel_for(date(1975, 1, 1))), residence_gmina=gmina("1218013")
        )
    year = str(timezone.localdate().year)

    officer = StaffUserFactory()
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="Reports by powiat, sex, age, month…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports: what the programme achieves")
    page.get_by_label("Indicator").select_option("programmes.applied")
    page.get_by_label("Period").select_option(year)
    page.get_by_label("Broken down by").select_option("powiat")
    expect(page.get_by_role("table")).to_contain_text("Kraków")
    expect(page.get_by_role("table")).to_contain_text("wadowicki")
    expect(page.locator("#report-result figure.report-map svg path")).to_have_count(22)
    assert f"okres={year}" in page.url
    assert "podzial=powiat" in page.url
    checked(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    rows = list(
        load_workbook(io.BytesIO(download.value.path().read_bytes())).active.iter_rows(values_only=True)
    )
    assert ("Kraków", "1261", 4, None) in rows or ("Kraków", "1261", 4, "") in rows

    opendata_refresh()
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page.goto("/dane-otwarte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    checked(page)
    page.get_by_role("link", name=f"programmes-applied_{year}.metadata.json").click()
    assert "CC BY 4.0" in page.content()
