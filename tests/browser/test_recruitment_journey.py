"""The recruitment in a real browser. A candidate fills in the application with a guardian, ranks
two classes and submits; once the school has checked it and the round is matched, she sees her
result, the explanation of the class she ranked higher (its lowest admitting score against hers
and the rule that decided) and confirms her intent. A school's committee publishes its lists,
opens a class's list, answers a request for justification with the generated text, downloads it
as a PDF to sign, and decides the appeal. A teacher the director appointed to the committee enters
the aptitude test of a sports class. axe-core checks every page at desktop and at 375 px
phone width, where nothing may scroll sideways. Pages in English (the language cookie)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.models import SchoolFunction, SchoolStaff
from kierunek.recruitment import services
from kierunek.recruitment.models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    ClassRound,
    Placement,
    PlacementStatus,
    Preference,
    RecruitmentYear,
)
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory, confirmed_totp_device, current_code
from tests.programmes.helpers import pesel_for
from tests.recruitment.builders import candidate_make, class_make, director_of, school_make, year_make

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SYSTEM = Actor()


def in_english(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def log_in(page: Page, user, *, staff: bool) -> None:  # type: ignore[no-untyped-def]
    device = confirmed_totp_device(user) if staff else None
    page.goto("/logowanie/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if device is not None:
        page.locator("#id_token").fill(f"{current_code(device):06d}")
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/logowanie/" not in url and "/2fa/" not in url)


def checked_at_both_widths(page: Page) -> None:
    """axe-core at desktop width, then at phone width with nothing scrolling sideways."""
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    page.set_viewport_size(DESKTOP)


def timetable_moved_back(year: RecruitmentYear, **days_ago: int) -> None:
    today = timezone.localdate()
    RecruitmentYear.objects.filter(pk=year.pk).update(
        **{name: today - timedelta(days=n) for name, n in days_ago.items()}
    )
    year.refresh_from_db()


@pytest.fixture
def year_with_classes():  # type: ignore[no-untyped-def]
    year = year_make()
    liceum = school_make("I Liceum Ogólnokształcące")
    wanted = class_make(year, liceum, "1A", 1)
    other = class_make(year, school_make("Technikum Łączności"), "1T", 5)
    candidate_make(year, "Żak", 95, [wanted])  # a stronger candidate takes the one seat
    return {"year": year, "liceum": liceum, "wanted": wanted, "other": other, "director": director_of(liceum)}


def test_a_candidate_applies_ranks_sees_the_explanation_and_confirms(
    page: Page, live_server, year_with_classes
) -> None:  # type: ignore[no-untyped-def]
    world = year_with_classes
    person = UserFactory(role=Role.CANDIDATE, first_name="Zofia", last_name="Wiśniewska")
    in_english(page, live_server)
    log_in(page, person, staff=False)

    page.goto("/rekrutacja/")
    checked_at_both_widths(page)
    page.get_by_role("button", name="Fill in the application").click()
    checked_at_both_widths(page)
    page.get_by_label("Candidate's first name").fill("Zofia")
    page.get_by_label("Candidate's last name").fill("Wiśniewska")
    page.get_by_label("Candidate's PESEL number").fill(pesel_for(date(2011, 4, 5), female=True))
    guardian = page.get_by_role("group", name="Parent or legal guardian", exact=True)
    guardian.get_by_label("First name").fill("Anna")
    guardian.get_by_label("Last name").fill("Wiśniewska")
    guardian.get_by_label("E-mail address").fill("anna.wisniewska@example.org")
    page.get_by_label("Large family (three or more children)").check()
    page.get_by_role("button", name="Save the application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application is saved")
    checked_at_both_widths(page)

    page.get_by_role("button", name="Rank classes").click()
    checked_at_both_widths(page)
    page.get_by_label("Choice 1", exact=True).select_option(str(world["wanted"].pk))
    page.get_by_label("Choice 2", exact=True).select_option(str(world["other"].pk))
    page.get_by_role("button", name="Save the ranking").click()
    expect(page.locator("#ranking li")).to_have_count(2)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("#application-status")).to_have_text("submitted")
    checked_at_both_widths(page)

    # The school of first choice checks the documents and enters the results; the round is matched.
    application = Application.objects.get(candidate=person)
    director = Actor(user=world["director"])
    services.application_check(actor=director, application=application, accept=True)
    services.results_enter(
        actor=director,
        application=application,
        exam=[80, 80, 80],
        grades={"polish": 5, "maths": 5, "physics": 5, "informatics": 5},
        distinction=False,
        contests=0,
        volunteering=False,
    )
    services.year_match_main(actor=SYSTEM, year=world["year"])

    page.reload()
    expect(page.locator("#result")).to_contain_text("Technikum Łączności")
    expect(page.locator("#result")).to_contain_text("148,00 points")
    explanation = page.locator("#explanation tbody tr")
    expect(explanation).to_have_count(1)
    expect(explanation).to_contain_text("I Liceum Ogólnokształcące")
    expect(explanation).to_contain_text("163,00")  # the lowest admitting score there
    expect(explanation).to_contain_text("148,00")  # hers
    expect(explanation).to_contain_text("points")  # the rule that decided
    checked_at_both_widths(page)
    page.get_by_role("button", name="Confirm the intent to attend").click()
    expect(page.get_by_role("status")).to_contain_text("Your intent to attend is confirmed")
    checked_at_both_widths(page)
    assert Placement.objects.get(application=application).status == PlacementStatus.CONFIRMED


def test_a_committee_publishes_its_lists_and_answers_an_appeal(
    page: Page, live_server, year_with_classes
) -> None:  # type: ignore[no-untyped-def]
    world = year_with_classes
    year = world["year"]
    hopeful = candidate_make(year, "Adamczyk", 60, [world["wanted"], world["other"]])
    services.year_match_main(actor=SYSTEM, year=year)
    timetable_moved_back(year, applications_until=3, qualified_on=2)
    in_english(page, live_server)
    log_in(page, world["director"], staff=True)

    page.goto("/rekrutacja/szkola/")
    checked_at_both_widths(page)
    page.get_by_role("button", name="Publish the lists of I Liceum Ogólnokształcące").click()
    expect(page.get_by_role("status")).to_contain_text("Lists published to the candidates: 1")
    assert ClassRound.objects.get(school_class=world["wanted"], round="main").published_at is not None
    page.locator(f"a[href='/rekrutacja/szkola/oddzial/{world['wanted'].pk}/']").click()
    rows = page.locator("#class-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Adamczyk")
    expect(rows.nth(0)).to_contain_text("not qualified")
    expect(rows.nth(1)).to_contain_text("Żak")
    checked_at_both_widths(page)

    # The lists of admitted candidates are out; the candidate asks why not the liceum.
    timetable_moved_back(year, applications_until=4, qualified_on=3, confirm_until=1, admitted_on=0)
    services.year_publish_admitted(actor=SYSTEM, year=year)
    appeal = services.justification_request(
        actor=Actor(user=hopeful.candidate), application=hopeful, school_class=world["wanted"]
    )

    page.goto("/rekrutacja/szkola/")
    page.locator("#appeal-list").get_by_role("link", name="Adamczyk Ola").click()
    checked_at_both_widths(page)
    text = page.get_by_label("The committee's justification")
    expect(text).to_have_value(re.compile("163,00"))  # the class's lowest admitting score
    page.get_by_role("button", name="Give the justification").click()
    expect(page.get_by_role("status")).to_contain_text("The justification is given")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.JUSTIFIED
    assert "art. 158" in appeal.justification

    page.goto(f"/rekrutacja/szkola/odwolanie/{appeal.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="The justification as a PDF to sign (art. 158)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    services.appeal_file(
        actor=Actor(user=hopeful.candidate), appeal=appeal, grounds="Proszę o ponowne rozpatrzenie."
    )
    page.reload()
    checked_at_both_widths(page)
    page.get_by_label("dismiss the appeal").check()
    page.get_by_label("Reasons of the decision").fill(
        "Wynik kandydata jest niższy od najniższego wyniku w oddziale."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision is recorded")
    checked_at_both_widths(page)
    assert Appeal.objects.get(pk=appeal.pk).status == AppealStatus.DISMISSED
    assert Application.objects.get(pk=hopeful.pk).status == ApplicationStatus.VERIFIED


def test_a_committee_teacher_enters_the_aptitude_test(page: Page, live_server, year_with_classes) -> None:  # type: ignore[no-untyped-def]
    """The director appoints a teacher of the liceum to the committee; the teacher, asked for the
    second factor before the committee's pages, enters the aptitude test of the candidates who
    ranked the liceum's sports class."""
    world = year_with_classes
    year = world["year"]
    sport = class_make(year, world["liceum"], "1S", 2, aptitude_test=True)
    nowak = candidate_make(year, "Nowak", 70, [sport, world["other"]])
    kowal = candidate_make(year, "Kowal", 80, [sport])
    teacher = UserFactory(role=Role.TEACHER, first_name="Jan", last_name="Belfer")
    post = SchoolStaff.objects.create(
        user=teacher, school=world["liceum"], function=SchoolFunction.TEACHER, since=date(2020, 9, 1)
    )
    services.committee_appoint(actor=Actor(user=world["director"]), year=year, staff=post)
    device = confirmed_totp_device(teacher)
    in_english(page, live_server)
    log_in(page, teacher, staff=False)

    page.goto("/rekrutacja/szkola/")
    page.wait_for_url("**/2fa/**")
    page.locator("#id_token").fill(f"{current_code(device):06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/rekrutacja/szkola/")
    expect(page.locator("#committee")).to_contain_text("Jan Belfer")
    checked_at_both_widths(page)
    page.get_by_role("link", name="Aptitude test results: I Liceum Ogólnokształcące 1S (mat-fiz)").click()
    checked_at_both_widths(page)
    page.get_by_role("group", name="Kowal Ola").get_by_label("passed", exact=True).check()
    page.get_by_role("group", name="Nowak Ola").get_by_label("not passed", exact=True).check()
    page.get_by_role("button", name="Save the aptitude test results").click()
    expect(page.get_by_role("status")).to_contain_text("Aptitude test results saved: 2 changed")
    expect(page.get_by_role("group", name="Kowal Ola").get_by_label("passed", exact=True)).to_be_checked()
    checked_at_both_widths(page)
    results = dict(
        Preference.objects.filter(school_class=sport).values_list("application_id", "aptitude_passed")
    )
    assert results == {kowal.pk: True, nowak.pk: False}
