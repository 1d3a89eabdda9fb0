"""The bodies' journey in a real browser: a group's leader (partner staff) finds the group from the
dashboard, adds a version of its product and submits it; the officer approves it and publishes it
after confirming; anyone then reads it in the partnership's library of products and on the group's
page, where the members' names show and their e-mails do not. axe-core checks every page at desktop
width and on a 375 px phone, where nothing may push the page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.core.actor import Actor
from kierunek.partnership.models import Product
from tests.partnership import bodies_builders as bb

from .conftest import assert_accessible
from .test_complaint_journey import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
TITLE = "Standardy jakości usług"


def checked(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_leader_adds_a_version_and_submits_officer_approves_and_publishes_public_reads_it(
    page: Page, live_server
):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    group, leader = bb.led_group()
    bb.product(group, Actor.of(leader))
    officer = bb.office().user

    # The leader goes from the dashboard to the group's product and adds a version.
    log_in(page, leader, staff=True)
    checked(page)
    page.get_by_role("link", name="Keep the records: meetings, minutes, decisions, products").click()
    checked(page)
    page.get_by_role("link", name=group.name).click()
    checked(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("File (PDF)").set_input_files(
        files=[{"name": "standardy-v2.pdf", "mimeType": "application/pdf", "buffer": bb.PDF}]
    )
    page.get_by_label("What changed").fill("Uzupełnione wskaźniki")
    checked(page)
    page.get_by_role("button", name="Add the version").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 was added")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("sent to the programme office")
    expect(page.locator("#product-status")).to_contain_text("in review")
    checked(page)
    log_out(page)

    # The officer approves it from the dashboard's work and publishes it after confirming.
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="Groups' products to review").click()
    checked(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Approve").check()
    checked(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision was recorded")
    page.get_by_role("button", name="Publish").click()
    checked(page)  # the confirmation says what will happen
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The product was published")
    assert Product.objects.get().status == "published"
    log_out(page)

    # Anyone reads it in the library and on the group's page.
    page.goto("/partnerstwa/mpku/produkty/")
    expect(page.get_by_role("status")).to_contain_text("1 product")
    checked(page)
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="Download the document (PDF, version 2)")).to_be_visible()
    checked(page)
    page.get_by_role("link", name=group.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(group.name)
    expect(page.get_by_role("rowheader", name="Anna Lis")).to_be_visible()
    assert leader.email not in page.content()
    checked(page)
