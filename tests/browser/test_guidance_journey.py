"""Issue 5's guidance journey in a real browser: an eligible participant books a slot; the advisor
records the competence balance stage by stage (choosing ESCO competences with the as-you-type
search) and signs the plan; the participant acknowledges it, sees recommended services and
downloads the PDF. axe-core checks every page.

The pages are shown in English (the language cookie), so the test reads the source texts whatever
the state of the Polish catalogue."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kierunek.guidance.models import Appointment, CompetenceBalance
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.catalogue.factories import ServiceCardFactory, gmina
from tests.guidance.builders import advisor, eligible_participant, slot

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def in_english(page: Page, live_server) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])


def log_in(page: Page, user, *, staff: bool) -> None:
    device = confirmed_totp_device(user) if staff else None
    page.goto("/logowanie/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if device is not None:
        page.locator("#id_token").fill(f"{current_code(device):06d}")
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()


def save(page: Page, value: str = "save") -> None:
    page.locator(f"button[name=op][value={value}]").click()


def test_participant_books_advisor_signs_participant_acknowledges(page: Page, live_server):
    in_english(page, live_server)
    barbara = advisor(email="barbara@wup.example", first_name="Barbara", last_name="Doradczyk")
    zofia = eligible_participant(email="zofia@test.example", first_name="Zofia", last_name="Kowalczyk")
    slot(barbara, starts_in=timedelta(days=3))
    slot(barbara, starts_in=timedelta(days=4), online=True)
    ServiceCardFactory(title="Język angielski B1 — kurs konwersacyjny", gmina=gmina("1261011"))

    # The participant books a slot.
    log_in(page, zofia, staff=False)
    assert_accessible(page)
    page.get_by_role("link", name="Meetings with a career advisor").click()
    assert_accessible(page)
    page.get_by_role("button", name="Book a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Free slots with career advisors")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Book ")).first.click()
    expect(page.get_by_role("status")).to_contain_text("Your meeting is booked")
    assert_accessible(page)
    assert Appointment.objects.get(participant=zofia).status == "booked"
    log_out(page)

    # The advisor sees the booking and runs the balance.
    log_in(page, barbara, staff=True)
    assert_accessible(page)
    page.get_by_role("button", name="Calendar and slots").click()
    assert_accessible(page)
    page.get_by_role("link", name="My participants").click()
    assert_accessible(page)
    page.get_by_role("link", name="Zofia Kowalczyk").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the competence balance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Biographical interview")
    assert_accessible(page)

    page.get_by_label("Kind of experience").select_option("informal")
    page.get_by_label("Role or title").fill("Wolontariuszka w hospicjum")
    page.locator("#id_started_on").fill("2019-05-01")
    page.get_by_label("Activities and responsibilities").fill("Opieka, dyżury, organizacja zbiórek.")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("The experience is saved")
    save(page, "complete")
    assert_accessible(page)

    page.get_by_role("link", name="Behavioural interview").click()
    assert_accessible(page)
    page.get_by_label("Find a competence").fill("pracowac w zesp")  # HTMX fills the results as she types
    page.get_by_label("pracować w zespole").check()
    assert_accessible(page)  # with the search results in the form
    page.get_by_label("Situation").fill("Brakowało wolontariuszy na dyżurach.")
    page.locator("#id_task").fill("Ułożyć grafik na miesiąc.")
    page.locator("#id_action").fill("Zebrała dostępność i ułożyła grafik w arkuszu.")
    page.get_by_label("Result").fill("Wszystkie dyżury obsadzone.")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("The STAR example is saved")
    expect(page.get_by_text("Ułożyć grafik na miesiąc.")).to_be_visible()
    save(page, "complete")
    assert_accessible(page)

    page.get_by_role("link", name="Competence profile").click()
    page.get_by_label("Find a competence").fill("pracowac w zespole")
    page.get_by_label("pracować w zespole").check()
    page.get_by_label("Dimension").select_option("social")
    page.locator("#id_level").select_option("3")
    page.get_by_label("Evidence").fill("Grafik dyżurów w hospicjum.")
    save(page)
    expect(page.get_by_role("cell", name="pracować w zespole")).to_be_visible()
    save(page, "complete")
    assert_accessible(page)

    page.get_by_role("link", name="Portfolio").click()
    assert_accessible(page)
    page.get_by_label("Title of the reference").fill("Referencje z hospicjum")
    page.get_by_label("Who gives the reference").fill("Siostra Łucja Żak")
    save(page, "save_reference")
    expect(page.get_by_text("Siostra Łucja Żak")).to_be_visible()
    save(page, "complete")

    page.get_by_role("link", name="Development plan").click()
    assert_accessible(page)
    page.locator("#id_area-title").fill("Język angielski w pracy z pacjentem")
    page.locator("#id_area-goals").fill("Poziom B1 w rok.")
    page.locator("#id_area-package_kind").select_option("general")
    page.locator("#id_area-categories").select_option(label="English")
    save(page, "save_area")
    expect(
        page.get_by_role("heading", name=re.compile("Język angielski w pracy z pacjentem"))
    ).to_be_visible()
    assert_accessible(page)
    save(page, "sign")
    expect(page.get_by_role("status")).to_contain_text("The plan is signed")
    assert_accessible(page)
    assert CompetenceBalance.objects.get(participant=zofia).plan.status == "signed"
    log_out(page)

    # The participant acknowledges the plan, sees recommendations and downloads the PDF.
    log_in(page, zofia, staff=False)
    page.get_by_role("link", name="My development plan").first.click()
    # The area (numbered) and, under the plan, its recommendations.
    expect(page.get_by_role("heading", name="1. Język angielski w pracy z pacjentem")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I have read and acknowledge my plan").click()
    expect(page.get_by_role("status")).to_contain_text("You have acknowledged your development plan")
    assert_accessible(page)

    page.get_by_role("link", name="Recommended services").first.click()
    expect(page.get_by_role("heading", name="Język angielski B1 — kurs konwersacyjny")).to_be_visible()
    expect(page.get_by_text(re.compile("in your work gmina"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="My development plan").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the plan (PDF)").click()
    pdf = download_info.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Język angielski w pracy z pacjentem" in text
    assert "Siostra Łucja Żak" in text
