"""Builders for the offer's tests: CSV files as the office uploads them, imports through the real
service, and residents of a powiat (an application submitted through the programmes' services)."""

from __future__ import annotations

from datetime import date

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina
from kierunek.labourmarket import services
from kierunek.labourmarket.models import FactImport
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.programmes.helpers import submitted_application

WADOWICE = "1218"
TARNOW_CITY = "1263"


def officer():
    return StaffUserFactory(role=Role.OFFICER)


def csv_file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def facts(
    kind: str, *lines: str, source: str = "GUS BDL", on: date = date(2025, 12, 31), by=None
) -> FactImport:
    return services.facts_import(
        actor=Actor.of(by or officer()),
        kind=kind,
        content=csv_file(";".join(services.COLUMNS[kind]), *lines),
        filename=f"{kind}.csv",
        source=source,
        reference_date=on,
    )


def gmina_in(powiat: str) -> Gmina:
    return Gmina.objects.filter(powiat__teryt=powiat).order_by("teryt").first()  # type: ignore[return-value]


def resident(powiat: str = WADOWICE, participant=None):
    """A participant whose submitted application names a gmina of ``powiat`` as residence."""
    participant = participant or ParticipantFactory()
    submitted_application(participant, residence_gmina=gmina_in(powiat))
    return participant


def skill_under(code: str):
    """A skill of ESCO's hierarchy below the second-level group ``code`` ("S1")."""
    from kierunek.guidance.models import Competence

    return (
        Competence.objects.filter(concept_type="skill", parent__code__startswith=f"{code}.")
        .order_by("pk")
        .first()
    )


def confirmed(participant, *competences, done: bool = True) -> None:
    """A balance whose profile holds ``competences`` (read-side rows: the profile's own services
    are the guidance context's, tested there)."""
    from django.utils import timezone

    from kierunek.guidance.models import CompetenceBalance, ProfileCompetence

    balance, _created = CompetenceBalance.objects.get_or_create(
        participant=participant,
        defaults={
            "advisor": StaffUserFactory(role=Role.ADVISOR),
            "profile_done_at": timezone.now() if done else None,
        },
    )
    for competence in competences:
        ProfileCompetence.objects.create(balance=balance, competence=competence, dimension="skills", level=2)
