"""Reads of the LOWE guidelines and the register of centres."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from kierunek.core.collation import polish_sorted
from kierunek.events.models import Event

from .models_centres import Centre, CentreStatus, GuidelinesVersion


def guidelines_current(*, today: date | None = None) -> GuidelinesVersion | None:
    """The version in force: the latest published on or before today."""
    day = today or timezone.localdate()
    return GuidelinesVersion.objects.filter(published_on__lte=day).order_by("-number").first()


def guidelines_versions(*, today: date | None = None) -> list[GuidelinesVersion]:
    day = today or timezone.localdate()
    return list(GuidelinesVersion.objects.filter(published_on__lte=day).order_by("-number"))


def guidelines_version(number: int, *, today: date | None = None) -> GuidelinesVersion:
    day = today or timezone.localdate()
    return GuidelinesVersion.objects.get(number=number, published_on__lte=day)


def centres_register(*, status: str = "") -> list[Centre]:
    """The register, by gmina then name, in Polish order."""
    centres = Centre.objects.select_related("gmina", "school")
    if status in CentreStatus.values:
        centres = centres.filter(status=status)
    return polish_sorted(centres, key=lambda c: (c.gmina.name, c.name))


def centre(centre_id: int) -> Centre:
    return Centre.objects.select_related("gmina", "school").get(pk=centre_id)


def centre_events(*, centre: Centre) -> list[Event]:
    """The centre's published activities, the coming ones first."""
    return list(Event.objects.filter(lowe_centre__centre=centre, published=True).order_by("-starts_at"))
