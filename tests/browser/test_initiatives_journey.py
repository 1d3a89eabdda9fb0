"""The Learning Day in a browser: a gmina's coordinator registers the gmina's activity (with
registration) on the campaign's form, it appears on the campaign's public page with its circle on
the map; a resident opens it from the list and signs up; afterwards the coordinator sees the
check-in count. axe-core checks every page, at desktop width and on a 375 px phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kierunek.events.models import Registration
from kierunek.initiatives.models import Activity
from tests.initiatives.builders import WIELICZKA, campaign, gmina_staff, person

from .conftest import assert_accessible
from .test_office_phone_layout import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def test_a_gmina_registers_a_learning_day_activity_and_a_resident_signs_up(page: Page):
    day = campaign()
    coordinator = gmina_staff(WIELICZKA)
    log_in(page, coordinator)

    page.goto(reverse("initiatives:activities_mine"))
    assert_accessible(page)
    page.get_by_role("link", name=f"Zgłoś działanie: {day.title}").first.click()
    assert_accessible(page)
    page.get_by_label("Tytuł").fill("Cyfrowy senior w bibliotece gminnej")
    expect(page.get_by_label("Instytucja organizująca")).to_have_value("Gmina Wieliczka")
    page.get_by_label("Początek").fill(f"{day.starts_on.isoformat()}T10:00")
    page.get_by_label("Koniec").fill(f"{day.starts_on.isoformat()}T12:00")
    page.get_by_label("Adres").fill("ul. Rynek Górny 1")
    page.get_by_label("Liczba miejsc").fill("20")
    page.get_by_role("button", name="Zgłoś działanie").click()
    expect(page).to_have_url(f"{page.url.split('/inicjatywy/')[0]}/inicjatywy/dzialania/")
    assert_accessible(page)
    activity = Activity.objects.get()
    assert (activity.organiser_kind, activity.event.gmina.teryt) == ("gmina", WIELICZKA)

    resident = person(first_name="Zofia", last_name="Wójcik")
    log_in(page, resident)
    page.goto(reverse("initiatives:campaign", args=["dzien-uczenia-sie", day.year]))
    expect(page.locator("svg.campaign-map circle")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Wieliczka: 1 działanie").click()
    expect(page).to_have_url(re.compile(f"gmina={WIELICZKA}"))
    page.get_by_role("link", name="Cyfrowy senior w bibliotece gminnej").click()
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz się").click()
    registration = Registration.objects.get(person=resident)
    assert (registration.event_id, registration.status) == (activity.event_id, "confirmed")

    page.set_viewport_size(PHONE)
    page.goto(reverse("initiatives:campaign", args=["dzien-uczenia-sie", day.year]))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
