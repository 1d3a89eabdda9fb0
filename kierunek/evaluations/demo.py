"""The demo of the anonymous survey, seeded with the vouchers demo: the participant evaluates the
bookings they confirmed, so that some are ready to settle. Evaluations sits above vouchers, so this
module runs the vouchers demo and gives it the evaluation step, in place of the vouchers demo on its
own (``REPLACES``, read by the portal's seed_demo)."""

from __future__ import annotations

from collections.abc import Iterator

from kierunek.core.actor import Actor
from kierunek.vouchers import demo as vouchers_demo
from kierunek.vouchers.models import Booking

from . import services

REPLACES = ("kierunek.vouchers.demo",)
SCORES = {"content": 5, "trainer": 5, "organisation": 4, "usefulness": 5}


def planned(size: str) -> int:
    return vouchers_demo.planned(size)


def seed(*, size: str) -> Iterator[str]:
    yield from vouchers_demo.seed(size=size, evaluate=evaluate)


def evaluate(booking: Booking) -> None:
    """The participant's anonymous evaluation of a booking they confirmed."""
    services.evaluation_submit(
        booking_id=booking.pk,
        actor=Actor.of(booking.participant),
        scores=SCORES,
        comment="Konkretne zajęcia.",
    )
