"""The lifecycle of a membership as a table, checked state by state and role by role against the
declared workflow, and the services along it: dates, reasons, one open membership per
partnership, and what the database refuses whatever code runs."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.partnership import services
from kierunek.partnership.models import Membership, MembershipStatus
from kierunek.partnership.workflows import MEMBERSHIP

from . import builders as b

S = MembershipStatus
ALLOWED = {
    (S.APPLIED, "admit"): S.MEMBER,
    (S.APPLIED, "withdraw"): S.LEFT,
    (S.MEMBER, "leave"): S.LEFT,
}
ROLES_OF = {
    "admit": {Role.OFFICER},
    "withdraw": {Role.OFFICER, Role.PARTNER_STAFF},
    "leave": {Role.OFFICER},
}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLES_OF]


def test_the_table_names_every_transition():
    assert set(MEMBERSHIP.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert MEMBERSHIP.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            MEMBERSHIP.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_a_declared_accession_is_admitted_and_later_left_with_its_dates_and_audit():
    institution = b.institution()
    staff = b.staff_of(institution)
    membership = services.membership_apply(
        actor=Actor.of(staff),
        institution_id=institution.pk,
        partnership_id=b.mpku().pk,
        joined_by="declaration",
    )
    today = timezone.localdate()
    services.membership_admit(actor=Actor.of(b.officer()), membership_id=membership.pk, joined_on=today)
    services.membership_end(
        actor=Actor.of(b.officer()),
        membership_id=membership.pk,
        left_on=today,
        reason="Likwidacja instytucji.",
    )
    membership.refresh_from_db()

    assert (membership.status, membership.joined_on, membership.left_on) == (S.LEFT, today, today)
    assert membership.leaving_reason == "Likwidacja instytucji."
    actions = list(
        AuditEvent.objects.filter(object_type="partnership.membership", object_id=str(membership.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "partnership.membership_applied",
        "partnership.membership_admitted",
        "partnership.membership_ended",
    ]


@pytest.mark.django_db
def test_an_institution_has_one_open_membership_per_partnership_and_may_rejoin_after_leaving():
    institution = b.partner()
    with pytest.raises(ValidationError):
        b.member(institution)
    membership = institution.memberships.get()
    services.membership_end(actor=Actor.of(b.officer()), membership_id=membership.pk, reason="Rezygnacja.")

    again = b.member(institution)

    assert again.status == S.MEMBER
    assert institution.memberships.count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_membership_and_a_leaving_without_reason():
    membership = b.member(b.institution())
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            partnership=membership.partnership,
            institution=membership.institution,
            joined_by="agreement",
            applied_on=membership.applied_on,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(status=S.LEFT, left_on=timezone.localdate())


@pytest.mark.django_db
def test_admission_dates_are_between_the_accession_and_today():
    institution = b.institution()
    membership = services.membership_apply(
        actor=Actor.of(b.officer()),
        institution_id=institution.pk,
        partnership_id=b.mpku().pk,
        joined_by="agreement",
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        services.membership_admit(
            actor=Actor.of(b.officer()), membership_id=membership.pk, joined_on=tomorrow
        )
    membership.refresh_from_db()
    assert membership.status == S.APPLIED


@pytest.mark.django_db
def test_partner_staff_withdraw_their_own_accession_but_not_a_membership_nor_another_institutions():
    institution, other = b.institution(), b.institution("Centrum Kształcenia Zawodowego w Nowym Targu")
    staff = b.staff_of(institution)
    mine = services.membership_apply(
        actor=Actor.of(staff),
        institution_id=institution.pk,
        partnership_id=b.mpku().pk,
        joined_by="declaration",
    )
    theirs = b.member(other)

    with pytest.raises(PermissionDenied):
        services.membership_end(actor=Actor.of(staff), membership_id=theirs.pk, reason="Nie.")
    with pytest.raises(PermissionDenied):
        services.membership_apply(
            actor=Actor.of(staff),
            institution_id=other.pk,
            partnership_id=b.mpku().pk,
            joined_by="declaration",
        )
    services.membership_end(actor=Actor.of(staff), membership_id=mine.pk, reason="Złożona omyłkowo.")

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (mine.status, theirs.status) == (S.LEFT, S.MEMBER)


@pytest.mark.django_db
def test_partner_staff_declare_but_do_not_record_a_signed_agreement():
    institution = b.institution()
    with pytest.raises(PermissionDenied):
        services.membership_apply(
            actor=Actor.of(b.staff_of(institution)),
            institution_id=institution.pk,
            partnership_id=b.mpku().pk,
            joined_by="agreement",
        )
    assert not institution.memberships.exists()
