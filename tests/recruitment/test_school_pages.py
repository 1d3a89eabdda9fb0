"""The school's pages: the committee (the school's director) enters results or imports them from
a CSV file refused whole with every wrong row's number, publishes its classes' lists, confirms
intent at its desk; the candidates of a class see its list only once published. Every page checks
the role and the object: a school's staff only their school, a candidate only their own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.pii import pesel_lookup_hash
from kierunek.recruitment import services
from kierunek.recruitment.models import (
    Application,
    ApplicationStatus,
    ClassRound,
    Placement,
    PlacementStatus,
    RecruitmentYear,
    Round,
)
from tests.accounts.factories import UserFactory
from tests.programmes.helpers import pesel_for

from .builders import candidate_make, class_make, director_of, school_make, year_make

pytestmark = pytest.mark.django_db
SYSTEM = Actor()


def with_pesel(application: Application) -> str:
    pesel = pesel_for(date(2011, 2, 3))
    application.pesel, application.pesel_hash = pesel, pesel_lookup_hash(pesel)
    application.save(update_fields=["pesel", "pesel_hash"])
    return pesel


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    year = year_make()
    school, other_school = school_make("I LO"), school_make("V LO")
    a = class_make(year, school, "1A", 1)
    b = class_make(year, school, "1B", 1)
    c = class_make(year, other_school, "1C", 5)
    zak = candidate_make(year, "Żak", 90, [a, b])
    adamska = candidate_make(year, "Adamska", 70, [a, b])
    elsewhere = candidate_make(year, "Bąk", 60, [c])
    return {
        "year": year,
        "school": school,
        "a": a,
        "b": b,
        "c": c,
        "zak": zak,
        "adamska": adamska,
        "elsewhere": elsewhere,
        "director": director_of(school),
        "other_director": director_of(other_school),
    }


def draft(year: RecruitmentYear, last_name: str, classes) -> Application:  # type: ignore[no-untyped-def]
    application = candidate_make(year, last_name, 0, classes, status=ApplicationStatus.SUBMITTED)
    Application.objects.filter(pk=application.pk).update(
        exam_polish=None, exam_maths=None, exam_language=None, grades={}, results_in=False
    )
    application.refresh_from_db()
    return application


def dates_reached(year: RecruitmentYear) -> None:
    """The timetable moved back so that the lists' day has come (confirmations still open)."""
    today = timezone.localdate()
    RecruitmentYear.objects.filter(pk=year.pk).update(
        applications_until=today - timedelta(days=2), qualified_on=today - timedelta(days=1)
    )
    year.refresh_from_db()


# --- results -------------------------------------------------------------------------------


RESULTS = {
    "exam_polish": "80",
    "exam_maths": "60",
    "exam_language": "100",
    "grade_polish": "5",
    "grade_maths": "4",
    "grade_physics": "6",
    "grade_informatics": "3",
    "contests": "10,5",
    "volunteering": "on",
}


def test_the_first_choice_school_enters_the_results_and_the_read_is_audited(world, client_for) -> None:  # type: ignore[no-untyped-def]
    pupil = draft(world["year"], "Nowak", [world["a"]])
    client = client_for(world["director"])
    school_page = client.get("/rekrutacja/szkola/").content.decode()
    assert f"/rekrutacja/szkola/wniosek/{pupil.pk}/wyniki/" in school_page
    assert client.get(f"/rekrutacja/szkola/wniosek/{pupil.pk}/wyniki/").status_code == 200
    assert AuditEvent.objects.filter(action="recruitment.application_read", object_id=str(pupil.pk)).exists()
    assert client.post(f"/rekrutacja/szkola/wniosek/{pupil.pk}/wyniki/", RESULTS).status_code == 302
    pupil.refresh_from_db()
    assert (pupil.exam_polish, pupil.exam_maths, pupil.exam_language) == (80, 60, 100)
    assert pupil.grades == {"polish": 5, "maths": 4, "physics": 6, "informatics": 3}
    assert pupil.contests == 1050
    assert pupil.volunteering
    assert pupil.results_in


def test_another_school_and_a_candidate_do_not_enter_results(world, client_for, client) -> None:  # type: ignore[no-untyped-def]
    pupil = draft(world["year"], "Nowak", [world["a"]])
    url = f"/rekrutacja/szkola/wniosek/{pupil.pk}/wyniki/"
    other = client_for(world["other_director"])
    assert other.get(url).status_code == 404
    assert other.post(url, RESULTS).status_code == 404
    assert f"/wniosek/{pupil.pk}/" not in other.get("/rekrutacja/szkola/").content.decode()
    client.force_login(world["zak"].candidate)
    assert client.post(url, RESULTS).status_code == 403
    pupil.refresh_from_db()
    assert not pupil.results_in
    assert pupil.exam_polish is None


def test_results_half_given_are_refused_and_nothing_changes(world) -> None:  # type: ignore[no-untyped-def]
    pupil = draft(world["year"], "Nowak", [world["a"]])
    with translation.override("en"), pytest.raises(ValidationError, match="all three exam results"):
        services.results_enter(
            actor=Actor(user=world["director"]),
            application=pupil,
            exam=[80, None, None],
            grades={"polish": 5, "maths": 5},
            distinction=False,
            contests=0,
            volunteering=False,
        )
    pupil.refresh_from_db()
    assert not pupil.results_in


def test_an_exempt_candidate_needs_the_foreign_language_grade(world) -> None:  # type: ignore[no-untyped-def]
    pupil = draft(world["year"], "Nowak", [world["a"]])
    with translation.override("en"), pytest.raises(ValidationError, match="foreign_language"):
        services.results_enter(
            actor=Actor(user=world["director"]),
            application=pupil,
            exam=[None, None, None],
            grades={"polish": 5, "maths": 5},
            distinction=False,
            contests=0,
            volunteering=False,
        )


HEADER = "pesel;exam_polish;exam_maths;exam_language;polish;maths;physics;informatics"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("wyniki.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_file_with_wrong_rows_is_refused_whole_with_every_row_number(world, client_for) -> None:  # type: ignore[no-untyped-def]
    first = draft(world["year"], "Nowak", [world["a"]])
    second = draft(world["year"], "Kowal", [world["b"]])
    foreign = draft(world["year"], "Obcy", [world["c"]])
    p1, p2, p3 = with_pesel(first), with_pesel(second), with_pesel(foreign)
    text = "\n".join(
        [
            HEADER,
            f"{p1};80;70;90;5;5;4;6",
            f"{p2};80;;90;7;5;4;6",  # half the exam and a grade of 7
            f"{p3};50;50;50;4;4;4;4",  # first choice at another school
            "90010112345;50;50;50;4;4;4;4",  # nobody's PESEL
            f"{p1};abc;70;90;5;5;4;6",
        ]
    )
    client = client_for(world["director"])
    client.cookies["django_language"] = "en"
    response = client.post("/rekrutacja/szkola/wyniki/", {"file": upload(text)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Row 2" not in page
    for row in ("Row 3", "Row 4", "Row 5", "Row 6"):
        assert row in page
    assert "all three exam results" in page
    assert "from 1 to 6" in page
    assert "has your school as the first choice" in page
    assert "exam_polish is not a whole number" in page
    assert p1 not in page
    assert p3 not in page
    assert not Application.objects.filter(pk__in=[first.pk, second.pk, foreign.pk], results_in=True).exists()

    good = f"{HEADER};foreign_language\n{p1};80;70;90;5;5;4;6;5\n{p2};;;;5;5;4;6;6\n"
    response = client.post("/rekrutacja/szkola/wyniki/", {"file": upload(good)})
    assert response.status_code == 302, response.content.decode()[:2000]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.exam_polish, first.grades["physics"], first.results_in) == (80, 4, True)
    assert second.exempt
    assert second.grades["foreign_language"] == 6
    assert second.results_in


def test_the_authority_imports_for_every_school_and_a_director_only_for_theirs(world) -> None:  # type: ignore[no-untyped-def]
    foreign = draft(world["year"], "Obcy", [world["c"]])
    pesel = with_pesel(foreign)
    text = f"{HEADER}\n{pesel};50;50;50;4;4;4;4"
    with pytest.raises(ValidationError):
        services.results_import(
            actor=Actor(user=world["director"]), year=world["year"], text=text, school_user=world["director"]
        )
    foreign.refresh_from_db()
    assert not foreign.results_in
    authority = UserFactory(role=Role.METROPOLIS_STAFF)
    assert services.results_import(actor=Actor(user=authority), year=world["year"], text=text) == 1
    foreign.refresh_from_db()
    assert foreign.results_in


# --- lists ---------------------------------------------------------------------------------


def test_the_committee_publishes_and_the_candidates_of_the_class_see_the_list(
    world, client_for, client
) -> None:  # type: ignore[no-untyped-def]
    year = world["year"]
    director = client_for(world["director"])
    # Before the match there is no list to publish.
    with translation.override("en"), pytest.raises(ValidationError, match="once the round is matched"):
        services.lists_publish(actor=Actor(user=world["director"]), year=year, school=world["school"])
    services.year_match_main(actor=SYSTEM, year=year)
    client.force_login(world["adamska"].candidate)
    assert client.get(f"/rekrutacja/lista/{world['a'].pk}/").status_code == 404  # not yet published
    assert "/rekrutacja/lista/" not in client.get("/rekrutacja/").content.decode()
    # Not before the day of the timetable.
    with translation.override("en"), pytest.raises(ValidationError, match="may be published from"):
        services.lists_publish(actor=Actor(user=world["director"]), year=year, school=world["school"])
    dates_reached(year)
    # Another school's director cannot publish this school's lists.
    other = client_for(world["other_director"])
    assert other.post("/rekrutacja/szkola/publikuj/main/", {"school": world["school"].pk}).status_code == 404
    assert not ClassRound.objects.filter(published_at__isnull=False).exists()

    response = director.post("/rekrutacja/szkola/publikuj/main/", {"school": world["school"].pk})
    assert response.status_code == 302
    published = ClassRound.objects.filter(published_at__isnull=False)
    assert set(published.values_list("school_class", flat=True)) == {world["a"].pk, world["b"].pk}

    client.cookies["django_language"] = "en"
    mine = client.get("/rekrutacja/").content.decode()
    assert f"/rekrutacja/lista/{world['a'].pk}/" in mine
    page = client.get(f"/rekrutacja/lista/{world['a'].pk}/").content.decode()
    assert page.index("Adamska") < page.index("Żak")  # alphabetical, in Polish order
    assert "not qualified" in page
    assert "158,00" in page
    assert "Bąk" not in page  # ranked another school only
    # A candidate who did not rank the class does not see its list.
    client.force_login(world["elsewhere"].candidate)
    assert client.get(f"/rekrutacja/lista/{world['a'].pk}/").status_code == 404
    # A director sees the lists of their own school only.
    assert other.get(f"/rekrutacja/szkola/oddzial/{world['a'].pk}/").status_code == 404
    assert director.get(f"/rekrutacja/szkola/oddzial/{world['a'].pk}/").status_code == 200


def test_a_class_with_a_medical_certificate_is_confirmed_at_the_school(world, client_for, client) -> None:  # type: ignore[no-untyped-def]
    year = world["year"]
    world["a"].medical_certificate = True
    world["a"].save(update_fields=["medical_certificate"])
    services.year_match_main(actor=SYSTEM, year=year)
    placement = Placement.objects.get(application=world["zak"], round=Round.MAIN)
    client.force_login(world["zak"].candidate)
    client.cookies["django_language"] = "en"
    response = client.post(f"/rekrutacja/potwierdz/{placement.pk}/", follow=True)
    assert "medical certificate" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.QUALIFIED

    assert (
        client_for(world["other_director"]).post(f"/rekrutacja/szkola/potwierdz/{placement.pk}/").status_code
        == 404
    )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.QUALIFIED
    director = client_for(world["director"])
    assert (
        "/rekrutacja/szkola/potwierdz/"
        in director.get(f"/rekrutacja/szkola/oddzial/{world['a'].pk}/").content.decode()
    )
    assert director.post(f"/rekrutacja/szkola/potwierdz/{placement.pk}/").status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED
