"""Bodies and groups through the services: a council's terms, members from partner institutions
only, one chair and one leader at a time, a group's leader keeps its members but names no leader,
meetings are events by invitation of the members sitting now, minutes come after the meeting,
and every refusal leaves nothing changed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.events.models import Audience, EventKind
from kierunek.events.selectors import may_register
from kierunek.partnership import domain_bodies as rules
from kierunek.partnership import selectors_bodies, services
from kierunek.partnership.models import BodyMember, BodyTerm

from . import bodies_builders as bb
from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("starts_on", "years", "ends_on"),
    [
        (date(2024, 3, 1), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2025, 1, 1), 1, date(2025, 12, 31)),
    ],
)
def test_a_term_ends_the_day_before_its_anniversary(starts_on, years, ends_on):
    assert rules.term_end(starts_on, years=years) == ends_on


@pytest.mark.parametrize(("numbers", "following"), [([], 1), ([1, 2], 3), ([3, 1], 4)])
def test_the_next_decision_number(numbers, following):
    assert rules.next_number(numbers) == following


def test_a_councils_terms_are_numbered_three_years_by_default_and_never_overlap():
    council = bb.council(term_from=date(2021, 3, 1))
    term = council.terms.get()
    assert (term.number, term.ends_on) == (1, date(2024, 2, 29))
    second = services.term_add(actor=bb.office(), body_id=council.pk, starts_on=date(2024, 3, 1))
    assert (second.number, second.ends_on) == (2, date(2027, 2, 28))
    with pytest.raises(ValidationError):
        services.term_add(actor=bb.office(), body_id=council.pk, starts_on=date(2026, 1, 1))
    with pytest.raises(ValidationError):  # a group has no terms
        services.term_add(actor=bb.office(), body_id=bb.group().pk, starts_on=date(2026, 1, 1))
    assert BodyTerm.objects.count() == 2


def test_a_council_member_sits_in_the_term_of_the_day_and_only_partners_sit():
    council = bb.council(term_from=timezone.localdate() - timedelta(days=100))
    partner = b.partner()
    member = bb.seat(council, partner, function="chair", email="Chair@Example.org")
    assert member.term == council.terms.get()
    assert member.email == "chair@example.org"

    outsider = b.institution("Stowarzyszenie Spoza")  # not a member of the partnership
    with pytest.raises(ValidationError):
        bb.seat(council, outsider)
    with pytest.raises(ValidationError):  # before the term
        bb.seat(council, partner, joined_on=timezone.localdate() - timedelta(days=200))
    with pytest.raises(ValidationError):  # one chair at a time
        bb.seat(council, partner, function="chair", first_name="Ewa")
    with pytest.raises(ValidationError):  # the same person twice
        bb.seat(council, partner, email="chair@example.org")
    with pytest.raises(ValidationError):  # a council has no leader
        bb.seat(council, partner, function="leader")
    assert council.members.count() == 1


def test_the_database_keeps_one_open_chair_whatever_code_runs():
    council = bb.council(term_from=timezone.localdate() - timedelta(days=10))
    chair = bb.seat(council, b.partner(), function="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyMember.objects.create(
            body=council,
            institution=chair.institution,
            first_name="X",
            last_name="Y",
            function="chair",
            joined_on=chair.joined_on,
        )


def test_a_groups_leader_keeps_its_members_but_names_no_leader_and_ends_no_leaders_seat():
    group, leader = bb.led_group()
    institution = group.members.get().institution
    actor = Actor.of(leader)
    member = bb.seat(group, institution, by=actor, first_name="Piotr", last_name="Wróbel")
    with pytest.raises(PermissionDenied):
        bb.seat(group, institution, by=actor, function="leader", first_name="Zofia")
    services.member_leave(actor=actor, member_id=member.pk)
    member.refresh_from_db()
    assert member.left_on == timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.member_leave(actor=actor, member_id=group.members.get(function="leader").pk)

    council = bb.council(term_from=timezone.localdate() - timedelta(days=10))
    with pytest.raises(PermissionDenied):  # a group's leader does not keep a council's members
        bb.seat(council, institution, by=actor)
    assert council.members.count() == 0


def test_a_meeting_is_an_event_by_invitation_of_the_members_sitting_now():
    group, leader = bb.led_group()
    institution = group.members.get().institution
    sitting = b.staff_of(institution)
    bb.seat(group, institution, email=sitting.email, first_name="Olga")
    gone = bb.seat(group, institution, email="gone@example.org", first_name="Adam")
    services.member_leave(actor=bb.office(), member_id=gone.pk)

    meeting = bb.meeting(group, by=Actor.of(leader))
    event = meeting.event
    assert (event.kind, event.audience, event.organiser) == (EventKind.MEETING, Audience.INVITATION, leader)
    assert sorted(event.invitations.values_list("email", flat=True)) == sorted([leader.email, sitting.email])
    assert may_register(event=event, user=sitting)
    assert not may_register(event=event, user=b.staff_of(b.partner("Centrum Kształcenia w Nowym Targu")))
    assert AuditEvent.objects.filter(action="partnership.meeting_scheduled").count() == 1


def test_minutes_come_after_the_meeting_as_a_pdf_from_its_keeper_only():
    group, leader = bb.led_group()
    meeting = bb.meeting(group, by=Actor.of(leader), days=3)
    with pytest.raises(ValidationError):  # not yet held
        services.minutes_attach(actor=Actor.of(leader), meeting_id=meeting.pk, upload=bb.pdf())
    later = meeting.event.starts_at + timedelta(hours=3)
    stranger = b.staff_of(b.partner("Centrum Kształcenia w Nowym Targu", powiat=b.NOWY_TARG))
    with pytest.raises(PermissionDenied):
        services.minutes_attach(actor=Actor.of(stranger), meeting_id=meeting.pk, upload=bb.pdf(), now=later)
    meeting.refresh_from_db()
    assert not meeting.minutes

    services.minutes_attach(actor=Actor.of(leader), meeting_id=meeting.pk, upload=bb.pdf(), now=later)
    meeting.refresh_from_db()
    assert meeting.minutes
    assert meeting.minutes_attached_by == leader


def test_only_the_office_sets_up_bodies_and_a_group_has_a_topic():
    partner_staff = b.staff_of(b.partner())
    with pytest.raises(PermissionDenied):
        services.body_create(
            actor=Actor.of(partner_staff), partnership_id=b.mpku().pk, kind="council", name="Rada"
        )
    with pytest.raises(ValidationError):
        services.body_create(
            actor=bb.office(), partnership_id=b.mpku().pk, kind="working_group", name="Zespół"
        )
    first = bb.group("Zespół roboczy")
    second = bb.group("Zespół roboczy")
    assert (first.slug, second.slug) == ("zespol-roboczy", "zespol-roboczy-2")


def test_the_office_changes_a_bodys_details_and_a_dissolved_body_leaves_the_public_list():
    group = bb.group()
    with pytest.raises(PermissionDenied):
        services.body_update(
            actor=Actor.of(b.staff_of(b.partner())), body_id=group.pk, name="Inna", topic="x"
        )
    with pytest.raises(ValidationError):  # not before it was set up
        services.body_update(
            actor=bb.office(), body_id=group.pk, name=group.name, topic="x", dissolved_on=date(2019, 1, 1)
        )
    services.body_update(
        actor=bb.office(), body_id=group.pk, name="Zespół ds. jakości", topic="Jakość.", meetings_per_year=6
    )
    group.refresh_from_db()
    assert (group.name, group.meetings_per_year, group.slug) == (
        "Zespół ds. jakości",
        6,
        "zespol-zadaniowy-ds-standardow-jakosci",
    )
    services.body_update(
        actor=bb.office(),
        body_id=group.pk,
        name=group.name,
        topic="Jakość.",
        dissolved_on=timezone.localdate(),
    )
    assert selectors_bodies.bodies_of(partnership=b.mpku()) == []
    with pytest.raises(ValidationError):
        bb.meeting(group)
