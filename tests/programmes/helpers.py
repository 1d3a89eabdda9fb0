"""Builders for the programmes tests: PESELs for a given birth date, participants born on a day,
and applications taken through the real services."""

from datetime import date
from importlib import import_module
from types import SimpleNamespace

from stdnum.pl import pesel as stdnum_pesel

from kierunek.geo.models import Gmina
from kierunek.programmes import selectors, services
from kierunek.programmes.models import ConsentKind, Programme
from tests.accounts.factories import ParticipantFactory

KRAKOW = "1261011"
TARNOW = "1263011"
# A day on which the second call's rule (adults) is in force, and one of the first call.
SECOND_CALL_DAY = date(2026, 3, 16)
FIRST_CALL_DAY = date(2025, 6, 2)

_serials = iter(range(1, 10_000))


def pesel_for(born: date, *, female: bool = False, serial: int | None = None) -> str:
    """A valid PESEL of a person born on ``born`` (any century PESEL can encode)."""
    month = born.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[born.year // 100]
    number = next(_serials) if serial is None else serial
    sex_digit = (number % 5) * 2 + (0 if female else 1)
    body = f"{born.year % 100:02d}{month:02d}{born.day:02d}{number % 1000:03d}{sex_digit}"
    return body + stdnum_pesel.calc_check_digit(body)


def participant_born(born: date, **kwargs):
    return ParticipantFactory(profile=pesel_for(born), **kwargs)


def demo_programme() -> Programme:
    """The programme migration 0002 ships; loaded again when a transactional test (a browser
    journey) emptied the database."""
    try:
        return selectors.programme_get(code="kierunek-kariera")
    except Programme.DoesNotExist:
        load_demo_programme()
        return selectors.programme_get(code="kierunek-kariera")


def load_demo_programme() -> None:
    from django.apps import apps
    from django.db import connection

    editor = SimpleNamespace(connection=connection)
    import_module("kierunek.programmes.migrations.0002_load_kierunek_kariera").load(apps, editor)
    import_module("kierunek.programmes.migrations.0003_booking_rule").load(apps, editor)
    import_module("kierunek.catalogue.migrations.0007_hours_rule").load(apps, editor)
    import_module("kierunek.programmes.migrations.0005_appeal_rule").load(apps, editor)
    import_module("kierunek.programmes.migrations.0007_own_contribution_rule").load(apps, editor)
    import_module("kierunek.programmes.migrations.0008_validation_services_rule").load(apps, editor)


def gmina(teryt: str = KRAKOW) -> Gmina:
    return Gmina.objects.select_related("powiat").get(teryt=teryt)


def answers(**overrides) -> services.ApplicationAnswers:
    """A resident of Kraków, employed in Kraków, with upper-secondary education."""
    values = {
        "residence_gmina": gmina(KRAKOW),
        "work_gmina": gmina(KRAKOW),
        "education_level": 3,
        "employment_status": "employed",
        "employment_form": "employment_contract",
    }
    values.update(overrides)
    return services.ApplicationAnswers(**values)


def submitted_application(participant=None, *, today: date = SECOND_CALL_DAY, **answer_overrides):
    """An application submitted through the services (consent to processing given with it)."""
    participant = participant or ParticipantFactory()
    programme = demo_programme()
    application = services.application_start(participant=participant, programme=programme)
    return services.application_submit(
        application_id=application.pk,
        participant=participant,
        answers=answers(**answer_overrides),
        give_consents=[ConsentKind.PROCESSING],
        today=today,
    )


def application_in_review(participant=None, **overrides):
    """Lives and works outside Małopolska and studies here: the rules send it to an officer."""
    values = {
        "residence_gmina": None,
        "lives_outside_region": True,
        "work_gmina": None,
        "works_outside_region": True,
        "studies_in_region": True,
    }
    values.update(overrides)
    return submitted_application(participant, **values)
