"""A gmina books a career-orientation workshop for one of its schools in a real browser: the
Wieliczka gmina's education staff log in with both factors, go from their dashboard to the offer,
narrow it to workshops in their gmina, open one, book places for a class of a Wieliczka primary
school, and find the booking and the pupils reached on their gmina's page. axe-core checks every
page at desktop width and on a 375 px phone, where nothing may push the page sideways.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import GminaStaff, Role
from kierunek.education.models import CareerActivity, CareerBooking
from tests.accounts.factories import StaffUserFactory
from tests.education import builders_edua as b

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


def test_a_gmina_books_a_career_workshop_for_its_school(page: Page, live_server):
    page.set_default_timeout(60_000)  # the shared test machine can be slow to serve the first page
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    from kierunek.education.models import Metropolis, MetropolisMember

    metropolis = Metropolis.objects.create(name="Stowarzyszenie Metropolia Krakowska")
    for teryt in (b.WIELICZKA, b.NIEPOLOMICE):
        MetropolisMember.objects.create(metropolis=metropolis, gmina=b.gmina(teryt), joined_on="2014-06-26")
    staff = StaffUserFactory(role=Role.GMINA_STAFF, email=demo_email(Role.GMINA_STAFF))
    GminaStaff.objects.create(user=staff, gmina=b.gmina(), position="Wydział Edukacji")
    school = b.school(name="Szkoła Podstawowa nr 2 im. Jana Matejki w Wieliczce")
    workshop = b.activity(title="Warsztaty: jak pracuje inżynier budownictwa", places=30)
    b.activity(title="Wizyta w piekarni", kind="workplace_visit")
    b.activity(title="Warsztaty w Niepołomicach", gmina_id=b.gmina(b.NIEPOLOMICE).pk)

    log_in(page, staff, staff=True)
    checked(page)
    page.get_by_role("link", name="Book a career-orientation activity for a school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career orientation for pupils")
    checked(page)

    # The search, by keyboard-reachable labelled fields: workshops in Wieliczka.
    page.get_by_label("Type").select_option("workshop")
    page.get_by_label("Gmina").select_option(b.WIELICZKA)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 activity found.")
    checked(page)

    page.get_by_role("link", name=workshop.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop.title)
    checked(page)
    page.get_by_role("button", name="Book places for a class").click()
    checked(page)

    # Too many pupils first: the refusal is on the form, nothing is booked.
    page.get_by_label("School").select_option(label=school.name)
    page.get_by_label("Grade of the class").select_option("8")
    page.get_by_label("Pupils").fill("31")
    page.get_by_role("button", name="Book").click()
    expect(page.locator("#form-errors")).to_contain_text("Only 30 places are left.")
    checked(page)
    assert not CareerBooking.objects.exists()

    page.get_by_label("Pupils").fill("24")
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career orientation: Wieliczka")
    expect(page.get_by_text(f"Booked 24 places for {school.name}.")).to_be_visible()
    expect(page.get_by_role("region", name="Bookings", exact=True)).to_contain_text(workshop.title)
    expect(page.get_by_role("region", name="Pupils reached", exact=True)).to_contain_text("24")
    checked(page)

    booking = CareerBooking.objects.get()
    assert (booking.school, booking.grade, booking.pupils, booking.booked_by) == (school, 8, 24, staff)
    assert CareerActivity.objects.get(pk=workshop.pk).places_taken == 24
