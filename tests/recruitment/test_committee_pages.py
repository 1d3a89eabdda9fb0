"""The school's recruitment committee: teachers the director appoints act for the school as the
director does (documents, results, aptitude tests, lists, confirmation at the desk,
justifications), but the appeal stays the director's (art. 158 ust. 6). Every page is checked by
role and by object: a member of school A cannot act for school B, a teacher off the committee
(never appointed, dismissed, or no longer working at the school) cannot act at all. The aptitude
test: the committee of the class's school enters passed or not passed, within the timetable, the
candidate sees it, and the round places nobody in the class without a pass."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.education.models import School, SchoolFunction, SchoolStaff
from kierunek.recruitment import services
from kierunek.recruitment.models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    ClassRound,
    CommitteeMember,
    Placement,
    PlacementStatus,
    Preference,
    RecruitmentYear,
    Round,
    YearStatus,
)
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory, confirmed_totp_device, current_code

from .builders import candidate_make, class_make, director_of, school_make, year_make

pytestmark = pytest.mark.django_db
SYSTEM = Actor()


def teacher_of(school: School, year: RecruitmentYear | None = None):  # type: ignore[no-untyped-def]
    """A teacher working at the school; on the year's committee when ``year`` is given."""
    user = UserFactory(role=Role.TEACHER)
    post = SchoolStaff.objects.create(
        user=user, school=school, function=SchoolFunction.TEACHER, since=date(2020, 9, 1)
    )
    if year is not None:
        CommitteeMember.objects.create(year=year, staff=post)
    return user


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    year = year_make()
    school, other_school = school_make("I LO"), school_make("V LO")
    sport = class_make(year, school, "1S", 1, aptitude_test=True)
    plain = class_make(year, school, "1B", 5)
    elsewhere = class_make(year, other_school, "1C", 5, aptitude_test=True)
    zak = candidate_make(year, "Żak", 90, [sport, plain])
    adamska = candidate_make(year, "Adamska", 70, [sport, plain])
    bak = candidate_make(year, "Bąk", 60, [elsewhere])
    return {
        "year": year,
        "school": school,
        "other_school": other_school,
        "sport": sport,
        "plain": plain,
        "elsewhere": elsewhere,
        "zak": zak,
        "adamska": adamska,
        "bak": bak,
        "director": director_of(school),
        "member": teacher_of(school, year),
        "other_member": teacher_of(other_school, year),
        "bystander": teacher_of(school),  # works at the school, not on the committee
    }


def pref(application: Application, school_class) -> Preference:  # type: ignore[no-untyped-def]
    return Preference.objects.get(application=application, school_class=school_class, round=Round.MAIN)


def aptitude_url(school_class) -> str:  # type: ignore[no-untyped-def]
    return f"/rekrutacja/szkola/oddzial/{school_class.pk}/sprawdzian/"


# --- the aptitude test ---------------------------------------------------------------------


def test_a_member_enters_the_aptitude_test_the_read_is_audited_and_the_candidate_sees_it(
    world, client_for
) -> None:  # type: ignore[no-untyped-def]
    member = client_for(world["member"])
    school_page = member.get("/rekrutacja/szkola/").content.decode()
    assert aptitude_url(world["sport"]) in school_page
    assert aptitude_url(world["plain"]) not in school_page  # no test there
    page = member.get(aptitude_url(world["sport"])).content.decode()
    assert page.index("Adamska") < page.index("Żak")  # alphabetical, Polish order
    assert "Bąk" not in page  # ranked another school's class only
    read = AuditEvent.objects.get(action="recruitment.application_read", object_id=str(world["sport"].pk))
    assert read.details["people"] == 2
    zak, adamska = pref(world["zak"], world["sport"]), pref(world["adamska"], world["sport"])
    response = member.post(
        aptitude_url(world["sport"]), {f"candidate_{zak.pk}": "no", f"candidate_{adamska.pk}": "yes"}
    )
    assert response.status_code == 302
    zak.refresh_from_db()
    adamska.refresh_from_db()
    assert (zak.aptitude_passed, adamska.aptitude_passed) == (False, True)
    entered = AuditEvent.objects.get(action="recruitment.aptitude_entered")
    assert entered.details["failed"] == [world["zak"].pk]
    assert entered.details["passed"] == [world["adamska"].pk]

    candidate = client_for(world["zak"].candidate)
    mine = candidate.get("/rekrutacja/").content.decode()
    assert "sprawdzian predyspozycji: nie zaliczono" in mine
    candidate = client_for(world["adamska"].candidate)
    assert "sprawdzian predyspozycji: zaliczono" in candidate.get("/rekrutacja/").content.decode()


def test_the_round_places_nobody_without_a_pass_in_an_aptitude_class(world) -> None:  # type: ignore[no-untyped-def]
    """Żak has more points, but did not pass: Adamska takes the one seat, Żak his next choice;
    a candidate whose result is not entered is not placed there either."""
    zak, adamska = pref(world["zak"], world["sport"]), pref(world["adamska"], world["sport"])
    services.aptitude_results_enter(
        actor=Actor(user=world["member"]),
        school_class=world["sport"],
        round_=Round.MAIN,
        results={zak.pk: False, adamska.pk: True},
    )
    services.year_match_main(actor=SYSTEM, year=world["year"])
    placed = dict(Placement.objects.values_list("application_id", "school_class_id"))
    assert placed[world["adamska"].pk] == world["sport"].pk
    assert placed[world["zak"].pk] == world["plain"].pk
    assert placed.get(world["bak"].pk) is None  # no result entered at the other school's test class
    figures = ClassRound.objects.get(school_class=world["sport"], round=Round.MAIN)
    assert figures.applicants == 1  # only those who may enter count


@pytest.mark.parametrize("who", ["other_member", "bystander", "other_director"])
def test_another_school_or_a_teacher_off_the_committee_does_not_enter_aptitude_tests(
    world, client_for, who
) -> None:  # type: ignore[no-untyped-def]
    user = world[who] if who != "other_director" else director_of(world["other_school"])
    client = client_for(user)
    zak = pref(world["zak"], world["sport"])
    assert client.get(aptitude_url(world["sport"])).status_code == 404
    assert client.post(aptitude_url(world["sport"]), {f"candidate_{zak.pk}": "yes"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.aptitude_results_enter(
            actor=Actor(user=user), school_class=world["sport"], round_=Round.MAIN, results={zak.pk: True}
        )
    zak.refresh_from_db()
    assert zak.aptitude_passed is None
    assert not AuditEvent.objects.filter(action="recruitment.application_read").exists()


def test_a_candidate_is_refused_the_aptitude_page(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world["zak"].candidate)
    zak = pref(world["zak"], world["sport"])
    assert client.post(aptitude_url(world["sport"]), {f"candidate_{zak.pk}": "yes"}).status_code == 403
    zak.refresh_from_db()
    assert zak.aptitude_passed is None


def test_a_class_without_a_test_and_a_candidate_of_another_class_are_refused(world, client_for) -> None:  # type: ignore[no-untyped-def]
    member = Actor(user=world["member"])
    assert client_for(world["member"]).get(aptitude_url(world["plain"])).status_code == 404
    with translation.override("en"), pytest.raises(ValidationError, match="does not require"):
        services.aptitude_results_enter(
            actor=member,
            school_class=world["plain"],
            round_=Round.MAIN,
            results={pref(world["zak"], world["plain"]).pk: True},
        )
    zak = pref(world["zak"], world["sport"])
    with translation.override("en"), pytest.raises(ValidationError, match="did not rank this class"):
        services.aptitude_results_enter(
            actor=member,
            school_class=world["sport"],
            round_=Round.MAIN,
            results={zak.pk: True, pref(world["zak"], world["plain"]).pk: True},
        )
    zak.refresh_from_db()
    assert zak.aptitude_passed is None


def test_a_draft_application_is_not_on_the_aptitude_list(world, client_for) -> None:  # type: ignore[no-untyped-def]
    draft = candidate_make(world["year"], "Zdanowicz", 50, [world["sport"]], status=ApplicationStatus.DRAFT)
    page = client_for(world["member"]).get(aptitude_url(world["sport"])).content.decode()
    assert "Zdanowicz" not in page
    with pytest.raises(ValidationError):
        services.aptitude_results_enter(
            actor=Actor(user=world["member"]),
            school_class=world["sport"],
            round_=Round.MAIN,
            results={pref(draft, world["sport"]).pk: True},
        )


def test_aptitude_tests_are_entered_only_in_their_phase(world, client_for) -> None:  # type: ignore[no-untyped-def]
    year = world["year"]
    zak = pref(world["zak"], world["sport"])
    today = timezone.localdate()
    RecruitmentYear.objects.filter(pk=year.pk).update(aptitude_until=today - timedelta(days=1))
    world["sport"].year.refresh_from_db()
    client = client_for(world["member"])
    page = client.get(aptitude_url(world["sport"])).content.decode()
    assert 'id="aptitude-closed"' in page
    assert 'id="aptitude-form"' not in page
    assert client.post(aptitude_url(world["sport"]), {f"candidate_{zak.pk}": "yes"}).status_code == 403
    with translation.override("en"), pytest.raises(ValidationError, match="could be entered until"):
        services.aptitude_results_enter(
            actor=Actor(user=world["member"]),
            school_class=world["sport"],
            round_=Round.MAIN,
            results={zak.pk: True},
        )
    # Once the round is matched, not even within the dates.
    RecruitmentYear.objects.filter(pk=year.pk).update(
        aptitude_until=today + timedelta(days=3), status=YearStatus.QUALIFIED
    )
    world["sport"].year.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="round is matched"):
        services.aptitude_results_enter(
            actor=Actor(user=world["member"]),
            school_class=world["sport"],
            round_=Round.MAIN,
            results={zak.pk: True},
        )
    zak.refresh_from_db()
    assert zak.aptitude_passed is None


# --- committee members act as the director does ---------------------------------------------


def test_a_member_checks_documents_and_enters_results_of_their_school_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    mine = candidate_make(world["year"], "Nowak", 50, [world["plain"]], status=ApplicationStatus.SUBMITTED)
    theirs = candidate_make(
        world["year"], "Obcy", 50, [world["elsewhere"]], status=ApplicationStatus.SUBMITTED
    )
    member = client_for(world["member"])
    page = member.get("/rekrutacja/szkola/").content.decode()
    assert "Nowak" in page
    assert "Obcy" not in page
    assert member.get(f"/rekrutacja/szkola/wniosek/{theirs.pk}/wyniki/").status_code == 404
    assert member.post(f"/rekrutacja/szkola/wniosek/{theirs.pk}/", {"accept": "yes"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ApplicationStatus.SUBMITTED
    assert member.get(f"/rekrutacja/szkola/wniosek/{mine.pk}/wyniki/").status_code == 200
    assert member.post(f"/rekrutacja/szkola/wniosek/{mine.pk}/", {"accept": "yes"}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == ApplicationStatus.VERIFIED
    event = AuditEvent.objects.get(action="recruitment.application_verified", object_id=str(mine.pk))
    assert event.actor_id == world["member"].pk


def test_a_member_publishes_their_schools_lists_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    year = world["year"]
    services.year_match_main(actor=SYSTEM, year=year)
    RecruitmentYear.objects.filter(pk=year.pk).update(
        applications_until=timezone.localdate() - timedelta(days=2),
        qualified_on=timezone.localdate() - timedelta(days=1),
    )
    member = client_for(world["member"])
    other = client_for(world["other_member"])
    assert member.get(f"/rekrutacja/szkola/oddzial/{world['elsewhere'].pk}/").status_code == 404
    assert (
        member.post("/rekrutacja/szkola/publikuj/main/", {"school": world["other_school"].pk}).status_code
        == 404
    )
    assert other.post("/rekrutacja/szkola/publikuj/main/", {"school": world["school"].pk}).status_code == 404
    assert not ClassRound.objects.filter(published_at__isnull=False).exists()
    assert member.get(f"/rekrutacja/szkola/oddzial/{world['plain'].pk}/").status_code == 200
    assert member.post("/rekrutacja/szkola/publikuj/main/", {"school": world["school"].pk}).status_code == 302
    published = set(
        ClassRound.objects.filter(published_at__isnull=False).values_list("school_class", flat=True)
    )
    assert published == {world["sport"].pk, world["plain"].pk}


def test_a_member_confirms_intent_at_the_desk_of_their_school_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    services.year_match_main(actor=SYSTEM, year=world["year"])
    placement = Placement.objects.get(application=world["zak"])
    assert placement.school_class == world["plain"]
    url = f"/rekrutacja/szkola/potwierdz/{placement.pk}/"
    assert client_for(world["other_member"]).post(url).status_code == 404
    assert client_for(world["bystander"]).post(url).status_code == 404
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.QUALIFIED
    assert client_for(world["member"]).post(url).status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED


def appeal_at(world, status: str = AppealStatus.REQUESTED) -> Appeal:  # type: ignore[no-untyped-def]
    return Appeal.objects.create(
        application=world["bak"],
        school_class=world["plain"],
        requested_on=timezone.localdate(),
        status=status,
        justified_on=timezone.localdate() if status != AppealStatus.REQUESTED else None,
        appealed_on=timezone.localdate() if status == AppealStatus.APPEALED else None,
    )


def test_a_member_gives_the_justification_and_prints_it_but_another_school_does_not(
    world, client_for
) -> None:  # type: ignore[no-untyped-def]
    appeal = appeal_at(world)
    url = f"/rekrutacja/szkola/odwolanie/{appeal.pk}/"
    for who in ("other_member", "bystander"):
        client = client_for(world[who])
        assert client.get(url).status_code == 404
        assert client.get(f"{url}pdf/").status_code == 404
        assert client.post(url, {"text": "Nie."}).status_code == 404
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REQUESTED
    member = client_for(world["member"])
    assert member.get(f"{url}pdf/")["Content-Type"] == "application/pdf"
    assert f"/rekrutacja/szkola/odwolanie/{appeal.pk}/" in member.get("/rekrutacja/szkola/").content.decode()
    assert member.post(url, {"text": "Uzasadnienie komisji."}).status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.justification) == (AppealStatus.JUSTIFIED, "Uzasadnienie komisji.")


def test_the_appeal_is_the_directors_to_decide_not_a_members(world, client_for) -> None:  # type: ignore[no-untyped-def]
    appeal = appeal_at(world, AppealStatus.APPEALED)
    url = f"/rekrutacja/szkola/odwolanie/{appeal.pk}/"
    member = client_for(world["member"])
    page = member.get(url).content.decode()
    assert 'id="director-decides"' in page
    assert 'name="uphold"' not in page
    assert member.post(url, {"uphold": "yes", "text": "Przyjąć."}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=Actor(user=world["member"]), appeal=appeal, uphold=True, decision="Tak.")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.APPEALED
    director = client_for(world["director"])
    assert 'name="uphold"' in director.get(url).content.decode()
    assert director.post(url, {"uphold": "no", "text": "Brak podstaw."}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.DISMISSED


def test_a_teacher_off_the_committee_sees_how_to_get_on_it_and_nothing_of_the_school(
    world, client_for
) -> None:  # type: ignore[no-untyped-def]
    appeal_at(world)
    page = client_for(world["bystander"]).get("/rekrutacja/szkola/").content.decode()
    assert 'id="no-committee"' in page
    assert "Żak" not in page
    assert "/odwolanie/" not in page
    assert aptitude_url(world["sport"]) not in page


def test_a_member_whose_post_ended_no_longer_acts(world, client_for) -> None:  # type: ignore[no-untyped-def]
    SchoolStaff.objects.filter(user=world["member"]).update(until=date(2025, 6, 30))
    client = client_for(world["member"])
    assert client.get(aptitude_url(world["sport"])).status_code == 404
    assert 'id="no-committee"' in client.get("/rekrutacja/szkola/").content.decode()


def test_membership_is_per_year(world, client_for) -> None:  # type: ignore[no-untyped-def]
    """A member of last year's committee is not on this year's."""
    CommitteeMember.objects.filter(staff__user=world["member"]).update(
        year=RecruitmentYear.objects.create(
            year=2029,
            lottery_seed="old",
            **{
                f: getattr(world["year"], f) - timedelta(days=365)
                for f in (
                    "applications_from", "applications_until", "documents_until", "aptitude_until",
                    "results_until", "qualified_on", "confirm_until", "admitted_on",
                    "supplementary_until", "supplementary_admitted_on",
                )
            },
        )
    )  # fmt: skip
    assert client_for(world["member"]).get(aptitude_url(world["sport"])).status_code == 404


# --- the director appoints the committee ----------------------------------------------------


def test_the_director_appoints_and_dismisses_a_teacher_and_access_follows(world, client_for) -> None:  # type: ignore[no-untyped-def]
    director = client_for(world["director"])
    post = SchoolStaff.objects.get(user=world["bystander"])
    page = director.get("/rekrutacja/szkola/").content.decode()
    assert 'id="committee-form"' in page
    assert director.post("/rekrutacja/szkola/komisja/", {"staff": post.pk}).status_code == 302
    member = CommitteeMember.objects.get(staff=post, year=world["year"])
    assert AuditEvent.objects.filter(action="recruitment.committee_changed").count() == 1
    teacher = client_for(world["bystander"])
    assert teacher.get(aptitude_url(world["sport"])).status_code == 200
    assert director.post(f"/rekrutacja/szkola/komisja/{member.pk}/odwolaj/").status_code == 302
    assert not CommitteeMember.objects.filter(pk=member.pk).exists()
    assert teacher.get(aptitude_url(world["sport"])).status_code == 404


def test_only_the_director_of_the_school_appoints_and_only_its_teachers(world, client_for) -> None:  # type: ignore[no-untyped-def]
    foreign_post = SchoolStaff.objects.get(user=world["other_member"])
    director = client_for(world["director"])
    response = director.post("/rekrutacja/szkola/komisja/", {"staff": foreign_post.pk})
    assert response.status_code == 200  # not a choice: a field error
    assert 'class="errorlist"' in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.committee_appoint(
            actor=Actor(user=world["director"]), year=world["year"], staff=foreign_post
        )
    post = SchoolStaff.objects.get(user=world["bystander"])
    member = client_for(world["member"])
    assert member.post("/rekrutacja/szkola/komisja/", {"staff": post.pk}).status_code == 403
    member_row = CommitteeMember.objects.get(staff__user=world["member"])
    assert member.post(f"/rekrutacja/szkola/komisja/{member_row.pk}/odwolaj/").status_code == 403
    other_director = client_for(director_of(world["other_school"]))
    assert other_director.post(f"/rekrutacja/szkola/komisja/{member_row.pk}/odwolaj/").status_code == 404
    assert CommitteeMember.objects.filter(pk=member_row.pk).exists()
    assert not CommitteeMember.objects.filter(staff=post).exists()


def test_the_dashboards_show_the_committees_work_to_the_director_and_members_only(world, client_for) -> None:  # type: ignore[no-untyped-def]
    candidate_make(world["year"], "Nowak", 50, [world["plain"]], status=ApplicationStatus.SUBMITTED)
    home = client_for(world["member"]).get("/panel/", follow=True).content.decode()
    assert 'id="work-recruitment-check">1<' in home
    director = client_for(world["director"]).get("/panel/", follow=True).content.decode()
    assert 'id="work-recruitment-check">1<' in director
    assert (
        "work-recruitment-check"
        not in client_for(world["bystander"]).get("/panel/", follow=True).content.decode()
    )


def test_the_demo_puts_the_demo_teacher_on_the_demo_directors_committee() -> None:
    """The demo teacher's login has the committee's work: they teach at the demo director's
    liceum too and sit on its committee; running the step again adds nothing."""
    from kierunek.accounts.demo import demo_email
    from kierunek.recruitment.demo import _committee
    from kierunek.recruitment.selectors import committee_schools

    year = year_make()
    liceum = school_make("Liceum Ogólnokształcące nr 1")
    director = director_of(liceum)
    director.email = demo_email(Role.SCHOOL_DIRECTOR)
    director.save(update_fields=["email"])
    teacher = UserFactory(role=Role.TEACHER, email=demo_email(Role.TEACHER))
    _committee(year)
    _committee(year)
    assert committee_schools(user=teacher, year=year) == [liceum]
    assert CommitteeMember.objects.filter(year=year, staff__school=liceum).count() == 2
    assert CommitteeMember.objects.get(year=year, staff__user=director).chair


def test_the_supplementary_round_keeps_a_passed_test_and_takes_new_results(world, client_for) -> None:  # type: ignore[no-untyped-def]
    """A test passed for the main round counts in the supplementary one; a candidate new to the
    class there is entered by the committee while that round is open."""
    year = world["year"]
    Preference.objects.filter(pk=pref(world["adamska"], world["sport"]).pk).update(aptitude_passed=True)
    today = timezone.localdate()
    RecruitmentYear.objects.filter(pk=year.pk).update(
        status=YearStatus.ADMITTED,
        applications_until=today - timedelta(days=4),
        qualified_on=today - timedelta(days=3),
        confirm_until=today - timedelta(days=2),
        admitted_on=today - timedelta(days=1),
    )
    year.refresh_from_db()
    for application in (world["adamska"], world["bak"]):
        application.year.refresh_from_db()
        services.preferences_save(
            actor=Actor(user=application.candidate),
            application=application,
            class_ids=[world["sport"].pk],
            round_=Round.SUPPLEMENTARY,
        )
    supplementary = dict(
        Preference.objects.filter(school_class=world["sport"], round=Round.SUPPLEMENTARY).values_list(
            "application_id", "aptitude_passed"
        )
    )
    assert supplementary == {world["adamska"].pk: True, world["bak"].pk: None}
    bak = Preference.objects.get(application=world["bak"], round=Round.SUPPLEMENTARY)
    member = client_for(world["member"])
    url = f"{aptitude_url(world['sport'])}?round=supplementary"
    assert member.post(url, {f"candidate_{bak.pk}": "yes"}).status_code == 302
    bak.refresh_from_db()
    assert bak.aptitude_passed is True
    # The main round's results are closed once it is matched.
    main = pref(world["zak"], world["sport"])
    assert member.post(aptitude_url(world["sport"]), {f"candidate_{main.pk}": "yes"}).status_code == 403
    main.refresh_from_db()
    assert main.aptitude_passed is None


# --- the second factor ----------------------------------------------------------------------


def test_a_member_logged_in_with_a_password_alone_is_asked_for_the_second_factor(world) -> None:  # type: ignore[no-untyped-def]
    """A teacher acts for themselves elsewhere, but on the committee's pages they read candidates'
    files, so those pages first ask for the second factor, and then open."""
    member = world["member"]
    device = confirmed_totp_device(member)
    client = Client()
    response = client.post("/logowanie/", {"username": member.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard"), follow=True).status_code == 200  # their own need none
    for path in ("/rekrutacja/szkola/", aptitude_url(world["sport"])):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/konto/2fa/?next={path}"
    client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"})
    assert client.get(aptitude_url(world["sport"])).status_code == 200


def test_a_teacher_with_no_second_factor_yet_is_sent_to_enrol_one(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world["member"])
    response = client.get("/rekrutacja/szkola/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/konfiguracja/?next=/rekrutacja/szkola/"
