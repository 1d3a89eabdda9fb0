"""The training centre's staff change a course in a real browser: from the course's page in the
centre's offer to its change page, where fewer places than are taken is refused on the form (and
nothing changes), and more places are saved; the dates are changed on the event's page, which the
change page links to. axe-core checks every page at desktop width and on a 375 px phone, where
nothing may push the page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from kierunek.education.models_training import TrainingCourse
from tests.education.training.builders import centre_staff, course, enrol, teacher

from .test_career_booking_journey import checked
from .test_complaint_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_centre_changes_a_course_places(page: Page, live_server):
    page.set_default_timeout(60_000)  # the shared test machine can be slow to serve the first page
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    staff = centre_staff()
    offered = course(by=staff, title="Ocenianie kształtujące w praktyce", capacity=10)
    for subjects in ("matematyka", "fizyka"):
        enrol(offered, teacher(subjects=subjects))

    log_in(page, staff, staff=True)
    page.goto(reverse("education:centre_course", args=[offered.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ocenianie kształtujące w praktyce")
    checked(page)
    page.get_by_role("link", name="Change the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Change the course: Ocenianie kształtujące w praktyce"
    )
    checked(page)
    # the dates and meetings are the event's: the page says so and links there
    expect(page.get_by_role("link", name="Manage the event")).to_have_attribute(
        "href", reverse("events:manage", args=[offered.event_id])
    )

    # Fewer places than the two taken: refused on the form, in words, and nothing is saved.
    places = page.locator("#id_capacity")
    expect(places).to_have_value("10")
    places.fill("1")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator("main form")).to_contain_text("2 seats are taken: the event cannot have fewer.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change the course")
    checked(page)
    offered.event.refresh_from_db()
    assert offered.event.capacity == 10

    places.fill("25")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_url(f"**{reverse('education:centre_course', args=[offered.pk])}")
    expect(page.locator("main")).to_contain_text("2 of 25 places taken")
    checked(page)
    assert TrainingCourse.objects.select_related("event").get(pk=offered.pk).event.capacity == 25
