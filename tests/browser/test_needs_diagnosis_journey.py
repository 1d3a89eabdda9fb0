"""The diagnosis of training needs in a real browser: a school director opens the survey from their
dashboard, answers it by keyboard and mouse (checkboxes and radio buttons in labelled groups), and
sees it counted; the teacher-training centre opens the year's gap map, filters it by topic and
reads the unmet demand in the table beside the map. axe-core checks every page at desktop width
and on a 375 px phone.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.services.diagnosis import NeedsAnswer, needs_answer
from kierunek.surveys.models import Response
from tests.accounts.factories import StaffUserFactory
from tests.education import builders as b

from .conftest import assert_accessible
from .test_complaint_journey import log_in, log_out
from .test_labourmarket_journey import checked

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_director_answers_and_the_centre_reads_the_gap_map(page: Page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    assessment = b.assessment(b.metropolis(), threshold=2)
    for _ in range(3):
        needs_answer(
            actor=Actor.of(b.teacher(b.KRAKOW)),
            assessment=assessment,
            answer=NeedsAnswer(topics=["wellbeing"], forms=["course"], timing="autumn"),
        )
    director = b.director(b.KRAKOW)

    # The director finds the survey on the dashboard and answers it.
    log_in(page, director, staff=True)
    page.get_by_role("button", name="Answer the survey").click()  # a link styled as a button
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey of training needs")
    checked(page)
    topics = page.get_by_role("group", name="Priority topics of professional development this year")
    topics.get_by_label("digital competences and AI in teaching").check()
    topics.get_by_label("mental health and wellbeing of pupils").check()
    page.get_by_role("group", name="Forms you would like to learn in").get_by_label("workshop").check()
    timing = page.get_by_role("group", name="The best time of the school year for training")
    timing.get_by_label("spring term").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("your answer is counted for your gmina")).to_be_visible()
    expect(page.get_by_role("button", name="Send the answer")).to_have_count(0)
    assert Response.objects.filter(survey=assessment.survey, segment="director").count() == 1
    log_out(page)

    # The centre reads the gap map: wellbeing in Kraków has demand and no places.
    log_in(page, StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF), staff=True)
    page.goto("/edukacja/diagnoza/")
    page.get_by_role("link", name="Gap map").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gap map of training needs")
    expect(page.locator("svg.powiat-map circle")).to_have_count(3)
    # axe-core at desktop and phone width; on the phone the page does not scroll sideways (the
    # table scrolls in its own region, the map scales to the screen).
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 376
    map_box = page.locator("svg.powiat-map").bounding_box()
    assert map_box is not None
    assert map_box["x"] >= 0
    assert map_box["x"] + map_box["width"] <= 376
    assert_accessible(page)
    page.set_viewport_size(desktop)
    page.locator("#temat").select_option("wellbeing")
    page.get_by_role("button", name="Show").click()
    row = page.get_by_role("row").filter(has_text="Kraków").filter(has_text="mental health")
    expect(row).to_contain_text("4")
    expect(page.get_by_role("heading", name="Where demand is unmet")).to_be_visible()
    assert_accessible(page)
