"""Teacher training in a browser: a teacher finds a course in the centre's offer, enrols with
their school, and after the course (completed in the test: checked in and certified at the
course's own times) downloads the certificate of completion, which the public page verifies.
axe-core checks every page, at desktop and phone width, and the history fits a phone's width."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kierunek.education.models_training import Enrolment
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.education.training.builders import completed, course, teacher

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def log_in_personal(page: Page, user) -> None:
    page.context.clear_cookies()
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/logowanie/" not in url)


def test_a_teacher_finds_enrols_and_downloads_the_certificate(page: Page):
    wanted = course(title="Tutoring szkolny w praktyce", form="workshop", hours=8, days=3)
    course(title="Seminarium dla dyrektorów", form="seminar", audience="directors")
    person = teacher(subjects="matematyka")
    person.first_name, person.last_name = "Halina", "Zawadzka"
    person.save()
    log_in_personal(page, person)

    page.goto(reverse("education:training_offer"))
    assert_accessible(page)
    page.locator("#id_q").fill("tutoring")
    page.locator("#id_form").select_option("workshop")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("article h2")).to_have_count(1)
    page.locator(f"a[href='{reverse('education:training_course', args=[wanted.pk])}']").click()
    assert_accessible(page)
    page.locator(f"a[href='{reverse('education:training_enrol', args=[wanted.pk])}']").click()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('education:training_mine')}")
    assert_accessible(page)
    enrolment = Enrolment.objects.get(teacher=person)
    assert enrolment.registration.status == "confirmed"
    assert enrolment.school == person.school_posts.get().school

    completed(enrolment)
    page.set_viewport_size(PHONE)
    page.reload()
    # The history's table scrolls in its own region: the page itself fits the phone.
    expect(page.locator("#history-title")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert_accessible(page)
    link = page.locator(f"a[href='{reverse('education:training_certificate', args=[enrolment.pk])}']")
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    code = enrolment.registration.certificate.code
    page.goto(reverse("education:training_verify", args=[code]))
    expect(page.locator("main")).to_contain_text("Halina Zawadzka")
    assert_accessible(page)
