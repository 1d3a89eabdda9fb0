"""The partnership's indicators in a real browser: a partner's staff member reads their
institution's activity record from the dashboard and answers the yearly self-assessment; the
officer reads the dashboard, computes the recognition list by the year's rule and approves it
after confirming; the public reads it. axe-core checks every page at desktop width and on a 375 px
phone, where nothing may push the page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.core.actor import Actor
from kierunek.partnership.models import RecognitionList
from kierunek.partnership.services import indicators as services
from kierunek.surveys.models import Response
from tests.events import builders as events
from tests.partnership import builders as b

from .test_complaint_journey import log_in, log_out
from .test_partnership_journey import checked

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STATEMENTS = ["Partnerstwo pomaga nam w pracy.", "Wiemy, co robią inni partnerzy."]


def test_partner_answers_the_self_assessment_officer_approves_the_list_public_reads_it(
    page: Page, live_server
):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    year = timezone.localdate().year
    institution = b.partner("Gorlickie Centrum Kształcenia Ustawicznego")
    staff, officer = b.staff_of(institution), b.officer()
    b.entry(institution, by=staff)
    events.event(by=staff, days=0.05)
    today = timezone.localdate()
    services.self_assessment_round_open(
        actor=Actor.of(officer),
        partnership_id=b.mpku().pk,
        year=year,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        questions=STATEMENTS,
    )
    services.recognition_rule_set(
        actor=Actor.of(officer),
        year=year,
        weights={
            "events_organised": 10,
            "events_attended": 2,
            "services_listed": 3,
            "practices_published": 5,
        },
        rationale="Uchwała grupy roboczej ds. systemu motywacyjnego.",
    )

    # The partner reads the record and answers the self-assessment.
    log_in(page, staff, staff=True)
    page.get_by_role("link", name="Activity in the partnership").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Activity in the partnership, {year}")
    expect(page.get_by_role("table", name="Your institution", exact=True)).to_contain_text(institution.name)
    checked(page)
    page.get_by_role("link", name=f"MPKU {year}").click()
    checked(page)
    page.get_by_role("group", name=f"1. {STATEMENTS[0]}").get_by_label("4").check()
    page.get_by_role("group", name=f"2. {STATEMENTS[1]}").get_by_label("2").check()
    page.get_by_label("Comment on statement 2 (optional)").fill("Za mało wspólnych spotkań.")
    page.get_by_role("button", name="Send the self-assessment").click()
    expect(page.get_by_role("status")).to_contain_text("self-assessment was recorded")
    expect(page.locator("#answered")).to_be_visible()
    expect(page.get_by_text("Za mało wspólnych spotkań.")).to_be_visible()
    checked(page)
    assert Response.objects.get(survey__owner="partnership.self_assessment").group == str(institution.pk)
    log_out(page)

    # The officer reads the dashboard, computes the list and approves it.
    log_in(page, officer, staff=True)
    page.get_by_role("link", name="The partnership's indicators").first.click()
    expect(page.get_by_role("table", name="What each member institution did")).to_contain_text(
        institution.name
    )
    checked(page)
    page.get_by_role("link", name=f"MPKU {year}").click()
    expect(page.locator("#response-rate")).to_contain_text("1 of 1 member institutions answered (100%)")
    checked(page)
    page.go_back()
    page.get_by_role("link", name="Scoring rule and list").click()
    checked(page)
    page.get_by_role("button", name="Compute the list").click()
    expect(page.get_by_role("status")).to_contain_text("The list was computed")
    expect(page.get_by_role("table", name="Institutions", exact=True)).to_contain_text(institution.name)
    checked(page)
    page.get_by_role("button", name="Approve and publish").click()
    checked(page)  # the confirmation page
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status")).to_contain_text("approved and public")
    assert RecognitionList.objects.get().status == "published"
    log_out(page)

    # The public reads it.
    page.goto("/partnerstwo/wyroznienia/")
    checked(page)
    page.get_by_role("link", name=str(year)).click()
    places = page.get_by_role("table", name="Partner institutions by points")
    expect(places).to_contain_text(institution.name)
    expect(places).to_contain_text("13")  # an event organised (10) and a service listed (3)
    expect(page.get_by_text("Uchwała grupy roboczej ds. systemu motywacyjnego.")).to_be_visible()
    checked(page)
