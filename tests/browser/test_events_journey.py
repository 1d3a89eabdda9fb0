"""Events in a browser: a resident finds a workshop, registers (with an accessibility need and one
demographic answer with its consent) and gets the ticket with its QR code; the organiser checks
people in at the door on a 375 px phone, typing the code (the answer swapped in by HTMX, the field
ready for the next). axe-core checks every page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.events.models import Registration
from tests.events.builders import event, person, register

from .conftest import assert_accessible
from .test_office_phone_layout import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def test_a_resident_registers_for_a_workshop_and_gets_the_ticket(page: Page):
    workshop = event(
        title="Warsztat lokalny: kompetencje cyfrowe w Nowym Sączu", gmina_teryt="1262011", capacity=12
    )
    resident = person(first_name="Zofia", last_name="Wójcik")
    log_in(page, resident)

    page.goto(reverse("events:list"))
    assert_accessible(page)
    page.get_by_label("Powiat").select_option(label="Nowy Sącz")
    page.get_by_role("button", name="Pokaż wydarzenia").click()
    page.get_by_role("link", name=workshop.title).click()
    assert_accessible(page)
    page.get_by_label("Potrzeby związane z dostępnością (nieobowiązkowo)").fill("Pętla indukcyjna")
    page.get_by_label("Twoja grupa wiekowa (nieobowiązkowo)").select_option("55_plus")
    page.get_by_label("Zgadzam się na zapisanie mojej grupy wiekowej").check()
    page.get_by_role("button", name="Zapisz się", exact=True).click()

    registration = Registration.objects.get(person=resident)
    expect(page).to_have_url(f"{page.url.split('/wydarzenia/')[0]}/wydarzenia/moje/{registration.pk}/")
    expect(page.locator(".ticket-qr svg")).to_be_visible()
    expect(page.locator(".ticket-code")).to_have_text(registration.ticket_display)
    assert_accessible(page)
    assert (registration.status, registration.age_group, registration.accessibility_needs) == (
        "confirmed",
        "55_plus",
        "Pętla indukcyjna",
    )


def test_staff_check_people_in_on_a_phone(page: Page):
    now = timezone.now()
    hall = event(title="Posiedzenie Rady Partnerstwa", days=0.02, now=now, capacity=30)
    first, second = register(hall, now=now), register(hall, now=now)
    page.set_viewport_size(PHONE)
    log_in(page, hall.organiser)

    page.goto(reverse("events:door", args=[hall.pk]))
    assert_accessible(page)
    code = page.get_by_label("Kod biletu")
    code.fill(first.ticket_display.lower())
    page.get_by_role("button", name="Potwierdź obecność").click()
    expect(page.locator(".door-ok")).to_contain_text(first.person.get_full_name())
    expect(page.get_by_text("Obecnych: 1 z 2")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kod biletu").fill(first.ticket_code)
    page.get_by_role("button", name="Potwierdź obecność").click()
    expect(page.locator(".door-refused")).to_contain_text("już potwierdzona")
    page.get_by_label("Kod biletu").fill(second.ticket_code)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Obecnych: 2 z 2")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    assert Registration.objects.filter(event=hall, attendance="present").count() == 2
