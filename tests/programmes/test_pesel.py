"""PESEL edge cases as they reach an application: the century encoded in the month, dates that do
not exist, the check digit; the birth date and sex derived from the PESEL are what the rules use,
and a profile that no longer matches its PESEL goes to an officer."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from stdnum.pl import pesel as stdnum_pesel

from kierunek.accounts.models import ParticipantProfile
from kierunek.accounts.services import participant_register
from kierunek.programmes.models import ApplicationStatus

from .helpers import SECOND_CALL_DAY, pesel_for, submitted_application

pytestmark = pytest.mark.django_db


def with_check_digit(body: str) -> str:
    return body + stdnum_pesel.calc_check_digit(body)


def with_wrong_check_digit(body: str) -> str:
    return body + str((int(stdnum_pesel.calc_check_digit(body)) + 1) % 10)


def register(pesel: str, email: str = "osoba@test.example"):
    return participant_register(
        email=email, password="Mocne-Haslo-2026", first_name="Ala", last_name="Testowa", pesel=pesel
    )


# (PESEL, birth date, sex, outcome on SECOND_CALL_DAY, age in the reason)
CENTURIES = [
    (with_check_digit("9992311234"), date(1899, 12, 31), "F", ApplicationStatus.ELIGIBLE, 126),  # month +80
    (with_check_digit("8503150123"), date(1985, 3, 15), "M", ApplicationStatus.ELIGIBLE, 41),  # month +0
    (
        with_check_digit("0022290101"),
        date(2000, 2, 29),
        "M",
        ApplicationStatus.ELIGIBLE,
        26,
    ),  # +20, leap year
    (with_check_digit("0823160102"), date(2008, 3, 16), "F", ApplicationStatus.ELIGIBLE, 18),  # 18 that day
    (with_check_digit("0823170103"), date(2008, 3, 17), "M", ApplicationStatus.INELIGIBLE, 17),  # 18 tomorrow
]


@pytest.mark.parametrize(("pesel", "born", "sex", "outcome", "age"), CENTURIES, ids=[c[0] for c in CENTURIES])
def test_birth_date_and_sex_come_from_the_pesel_and_decide_the_age(pesel, born, sex, outcome, age):
    user = register(pesel)
    profile = ParticipantProfile.objects.get(user=user)
    assert (profile.birth_date, profile.sex) == (born, sex)

    application = submitted_application(user, today=SECOND_CALL_DAY)

    assert application.status == outcome
    age_reason = next(r for r in application.decision_reasons if r["rule"] == "age")
    assert age_reason["values"] == {"age": age, "min_age": 18}


INVALID = [
    (with_check_digit("2141010123"), "future_date"),  # 2121 (month +40): a date of birth to come
    (with_check_digit("0161010123"), "future_date"),  # 2201 (month +60)
    (with_check_digit("0002290123"), "invalid_date"),  # 29 February 1900: not a leap year
    (with_check_digit("0122290123"), "invalid_date"),  # 29 February 2001
    (with_check_digit("8513010123"), "invalid_date"),  # month 13
    (with_check_digit("8533010123"), "invalid_date"),  # month 33: the 2000s' month 13
    (with_check_digit("8504310123"), "invalid_date"),  # 31 April
    (with_check_digit("8504000123"), "invalid_date"),  # day 0
    (with_wrong_check_digit("8503150123"), "invalid_checksum"),
    ("8503150123", "invalid_length"),
    ("8503150123X", "invalid_format"),
]


@pytest.mark.parametrize(("pesel", "code"), INVALID, ids=[f"{p}-{c}" for p, c in INVALID])
def test_an_invalid_pesel_never_becomes_a_profile(pesel, code):
    with pytest.raises(ValidationError) as caught:
        register(pesel)
    assert caught.value.code == code
    assert pesel not in str(caught.value)
    assert not ParticipantProfile.objects.exists()


def test_spaces_in_a_pesel_are_ignored():
    pesel = pesel_for(date(1990, 7, 1))
    user = register(f"{pesel[:6]} {pesel[6:]}")
    assert ParticipantProfile.objects.get(user=user).birth_date == date(1990, 7, 1)


@pytest.mark.parametrize(
    "change",
    [{"birth_date": date(1985, 3, 16)}, {"sex": "F"}],
    ids=["birth date", "sex"],
)
def test_a_profile_that_does_not_match_its_pesel_goes_to_an_officer(change):
    user = register(with_check_digit("8503150123"))
    ParticipantProfile.objects.filter(user=user).update(**change)

    application = submitted_application(user, today=SECOND_CALL_DAY)

    assert application.status == ApplicationStatus.MANUAL_REVIEW
    identity = next(r for r in application.decision_reasons if r["rule"] == "identity")
    assert (identity["outcome"], identity["code"]) == ("review", "identity_mismatch")
    assert "8503150123" not in str(application.decision_reasons)
