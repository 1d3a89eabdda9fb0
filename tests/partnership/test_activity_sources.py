"""The activity record's sources that the bodies and the newsletter add: a group's products
published (for the group, its author and the author's institution), the staff who receive the
newsletter (people and their institution), and a council member who reads the dashboard."""

import pytest
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.newsletter import services as newsletter
from kierunek.partnership import activity, services
from kierunek.partnership import selectors_indicators as indicators
from tests.newsletter import builders as nb

from . import bodies_builders as bb
from . import builders as b

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_a_published_product_counts_for_its_group_its_author_and_the_authors_institution():
    institution = b.partner()
    body, leader = bb.led_group(institution)
    draft = bb.product(body, Actor.of(leader))
    bb.product(body, Actor.of(leader))  # never published: not counted
    services.product_submit(actor=Actor.of(leader), product_id=draft.pk)
    services.product_review(actor=bb.office(), product_id=draft.pk, approve=True)
    services.product_publish(actor=bb.office(), product_id=draft.pk)

    counts = activity.ACTIVITY_SOURCES["products_published"].count(
        timezone.localdate().replace(month=1, day=1), timezone.localdate()
    )
    assert counts == {
        (activity.GROUP, body.pk): 1,
        (activity.PERSON, leader.pk): 1,
        (activity.INSTITUTION, institution.pk): 1,
    }
    record = indicators.institution_record(institution=institution, year=YEAR)
    assert record.institutions[0].counts["products_published"] == 1


def test_the_staff_receiving_the_newsletter_count_and_one_who_left_does_not():
    institution = b.partner()
    anna, piotr, ewa = b.staff_of(institution), b.staff_of(institution), b.staff_of(institution)
    nb.subscribed(anna.email, audience="partners")
    left = nb.subscribed(piotr.email, audience="partners")
    newsletter.subscription_end(actor=Actor(), subscriber=left, source="test")
    nb.signed_up(ewa.email, audience="partners")  # never confirmed

    record = indicators.institution_record(institution=institution, year=YEAR)
    assert record.institutions[0].counts["newsletter_reach"] == 1
    assert {row.pk: row.counts.get("newsletter_reach") for row in record.people}.get(anna.pk) == 1


def test_a_partner_sitting_on_a_council_reads_the_dashboard_and_one_who_left_does_not():
    institution = b.partner()
    member, other = b.staff_of(institution), b.staff_of(institution)
    assert not indicators.may_read_dashboard(user=member)
    council = bb.council()
    bb.seat(council, institution, email=member.email, first_name="Ewa", last_name="Rada")
    assert indicators.may_read_dashboard(user=member)
    assert not indicators.may_read_dashboard(user=other)
