"""The partnership's indicators on constructed data, with exact figures: meetings of its bodies
with the people checked in at them, the groups' products and the good practices published, each
with the people behind it, by month and (practices) by the powiat of the institution."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.indicators import TOTAL, Breakdown, Period, indicator_get
from kierunek.events.models import Registration, RegistrationStatus
from kierunek.partnership import services
from tests.accounts.factories import UserFactory

from . import bodies_builders as bb
from . import builders as b

pytestmark = pytest.mark.django_db

WADOWICE, TARNOW = "1218", "1216"


def values(found):
    return {key: (figure.value, figure.people) for key, figure in found.items()}


def span():
    today = timezone.localdate()
    return Period(today - timedelta(days=1), today + timedelta(days=40))


def published_practice(institution, author):
    practice = b.practice(institution, by=author)
    b.submitted(practice)
    return b.reviewed(practice)


def test_good_practices_by_powiat_with_their_authors():
    wadowice = b.partner()
    tarnow = b.partner("Biblioteka w Tarnowie", powiat=TARNOW)
    anna, jan = b.staff_of(wadowice), b.staff_of(wadowice)
    published_practice(wadowice, anna)
    published_practice(wadowice, anna)
    published_practice(wadowice, jan)
    published_practice(tarnow, b.staff_of(tarnow))
    b.practice(tarnow)  # a draft: not published
    compute = indicator_get("partnership.practices").compute
    assert values(compute(span(), None)) == {TOTAL: (4, 3)}
    assert values(compute(span(), Breakdown.POWIAT)) == {WADOWICE: (3, 2), TARNOW: (1, 1)}
    assert sum(f.value for f in compute(span(), Breakdown.MONTH).values()) == 4


def test_meetings_with_the_people_checked_in_and_products_published():
    body, leader = bb.led_group()
    held, empty = bb.meeting(body, days=10), bb.meeting(body, days=12)
    bb.meeting(body, days=400)  # next year's: outside the period
    for number in range(3):
        Registration.objects.create(
            event=held.event,
            person=UserFactory(),
            status=RegistrationStatus.CONFIRMED,
            ticket_code=f"T{number:08d}",
            checked_in_at=held.event.starts_at if number < 2 else None,
        )
    assert empty.pk
    meetings = indicator_get("partnership.meetings").compute
    assert values(meetings(span(), None)) == {TOTAL: (2, 2)}

    office = bb.office()
    for title in ("Standardy", "Raport"):
        product = services.product_create(
            actor=Actor.of(leader), body_id=body.pk, title=title, summary="Opis.", upload=bb.pdf()
        )
        services.product_submit(actor=Actor.of(leader), product_id=product.pk)
        services.product_review(actor=office, product_id=product.pk, approve=True)
        services.product_publish(actor=office, product_id=product.pk)
    bb.product(body, Actor.of(leader))  # a draft
    products = indicator_get("partnership.products").compute
    assert values(products(span(), None)) == {TOTAL: (2, 1)}
