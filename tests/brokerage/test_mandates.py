"""Mandates through the real services: each act a broker may take is allowed or refused by the
mandate's scope and its dates; a revocation takes effect at once; a broker's booking waits for the
participant's confirmation unless the mandate allows booking directly; every act is audited and
recorded for the participant."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.brokerage import domain, services
from kierunek.brokerage.models import Mandate, MandateAct, Proposal
from kierunek.core import agents
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import domain as voucher_domain
from kierunek.vouchers.models import Booking
from tests.brokerage import builders as b
from tests.vouchers import builders as vb

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def terms(**scope):
    values = {"propose": False, "book": False, "portfolio": False, "book_without_confirmation": False}
    values.update(scope)
    return domain.MandateTerms(
        **values, valid_from=TODAY, valid_until=TODAY + timedelta(days=30), revoked_at=None
    )


# Which act each scope allows (written out by hand, not derived from the rule).
SCOPE_TABLE = [
    ({"propose": True}, {domain.PROPOSE}),
    ({"book": True}, {domain.PROPOSE, domain.CANCEL}),
    ({"book": True, "book_without_confirmation": True}, {domain.PROPOSE, domain.CANCEL, domain.BOOK}),
    ({"portfolio": True}, {domain.PORTFOLIO}),
    ({"propose": True, "portfolio": True}, {domain.PROPOSE, domain.PORTFOLIO}),
]


@pytest.mark.parametrize(("scope", "allowed"), SCOPE_TABLE)
@pytest.mark.parametrize("act", [domain.PROPOSE, domain.BOOK, domain.CANCEL, domain.PORTFOLIO])
def test_each_act_is_allowed_exactly_by_its_scope(scope, allowed, act):
    assert domain.mandate_allows(terms(**scope), act=act, day=TODAY) is (act in allowed)


@pytest.mark.parametrize(
    ("day", "in_force"),
    [(-1, False), (0, True), (30, True), (31, False)],
)
def test_a_mandate_counts_from_its_first_to_its_last_day(day, in_force):
    everything = terms(propose=True, book=True, book_without_confirmation=True, portfolio=True)
    for act in (domain.PROPOSE, domain.BOOK, domain.CANCEL, domain.PORTFOLIO):
        assert domain.mandate_allows(everything, act=act, day=TODAY + timedelta(days=day)) is in_force


def test_terms_that_do_not_hold_are_refused():
    participant, _account = b.participant_with_vouchers()
    broker = b.broker()
    with pytest.raises(ValidationError) as caught:
        b.mandate(participant, broker)
    assert "scope" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        b.mandate(participant, broker, propose=True, book_without_confirmation=True)
    assert "book_without_confirmation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        b.mandate(participant, broker, propose=True, days=400)
    assert "valid_until" in caught.value.message_dict
    with pytest.raises(ValidationError):
        b.mandate(participant, participant, propose=True)  # not a broker
    assert not Mandate.objects.exists()


def test_a_proposal_is_booked_only_when_the_participant_confirms_it():
    participant, account = b.participant_with_vouchers()
    broker = b.broker()
    b.mandate(participant, broker, book=True)
    card = vb.card()

    proposal = services.proposal_make(
        actor=Actor.of(broker), participant_id=participant.pk, card_id=card.pk, voucher_account_id=account.pk
    )
    assert not Booking.objects.exists()  # nothing reserved before the participant confirms

    # a direct booking is refused: the mandate does not allow booking without confirmation
    with pytest.raises(PermissionDenied):
        services.booking_for(
            actor=Actor.of(broker),
            participant_id=participant.pk,
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=vb.key(),
        )
    # nor can the broker confirm in the participant's place
    with pytest.raises(PermissionDenied):
        services.proposal_confirm(actor=Actor.of(broker), proposal_id=proposal.pk, idempotency_key=vb.key())

    services.proposal_confirm(actor=Actor.of(participant), proposal_id=proposal.pk, idempotency_key=vb.key())

    proposal.refresh_from_db()
    booking = Booking.objects.get()
    assert proposal.status == domain.BOOKED
    assert proposal.booking == booking
    assert booking.participant == participant
    assert booking.status == voucher_domain.REQUESTED
    created = AuditEvent.objects.get(action="vouchers.booking_created")
    assert created.actor_id == participant.pk  # booked as the participant, from their own login
    assert list(MandateAct.objects.values_list("kind", flat=True)) == [domain.ACT_PROPOSED]


def test_a_direct_booking_under_a_mandate_that_allows_it_is_made_on_the_participants_behalf():
    participant, account = b.participant_with_vouchers()
    broker = b.broker()
    b.mandate(participant, broker, book=True, book_without_confirmation=True)
    card = vb.card()

    booking = services.booking_for(
        actor=Actor.of(broker),
        participant_id=participant.pk,
        card_id=card.pk,
        voucher_account_id=account.pk,
        idempotency_key=vb.key(),
    )

    assert booking.participant == participant
    created = AuditEvent.objects.get(action="vouchers.booking_created")
    assert created.actor_id == broker.pk
    assert created.details == {"on_behalf_of": participant.pk}
    assert AuditEvent.objects.filter(action="brokerage.booked_for", actor_id=broker.pk).count() == 1
    act = MandateAct.objects.get()
    assert act.kind == domain.ACT_BOOKED
    assert act.booking == booking

    services.booking_cancel_for(actor=Actor.of(broker), booking_id=booking.pk)
    booking.refresh_from_db()
    assert booking.status == voucher_domain.CANCELLED
    cancelled = AuditEvent.objects.get(action="vouchers.booking_cancelled")
    assert cancelled.actor_id == broker.pk
    assert cancelled.details == {"on_behalf_of": participant.pk}
    assert set(MandateAct.objects.values_list("kind", flat=True)) == {domain.ACT_BOOKED, domain.ACT_CANCELLED}


def test_the_vouchers_service_refuses_anyone_acting_for_a_participant_without_a_mandate():
    participant, account = b.participant_with_vouchers()
    broker = b.broker()
    with pytest.raises(PermissionDenied):
        vb.services.booking_create(
            actor=Actor.of(broker),
            card_id=vb.card().pk,
            voucher_account_id=account.pk,
            idempotency_key=vb.key(),
            on_behalf_of=participant,
        )
    assert not Booking.objects.exists()


def test_a_revocation_takes_effect_at_once():
    participant, account = b.participant_with_vouchers()
    broker = b.broker()
    mandate = b.mandate(participant, broker, propose=True, book=True, book_without_confirmation=True)
    card = vb.card()
    waiting = services.proposal_make(
        actor=Actor.of(broker), participant_id=participant.pk, card_id=card.pk, voucher_account_id=account.pk
    )
    assert agents.may_act_for(agent=broker, participant=participant, action=agents.BOOK)

    services.mandate_revoke(actor=Actor.of(participant), mandate_id=mandate.pk)

    assert not agents.may_act_for(agent=broker, participant=participant, action=agents.BOOK)
    waiting.refresh_from_db()
    assert waiting.status == domain.WITHDRAWN
    for attempt in (
        lambda: services.proposal_make(
            actor=Actor.of(broker),
            participant_id=participant.pk,
            card_id=vb.card().pk,
            voucher_account_id=account.pk,
        ),
        lambda: services.booking_for(
            actor=Actor.of(broker),
            participant_id=participant.pk,
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=vb.key(),
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    with pytest.raises(ValidationError):
        services.proposal_confirm(
            actor=Actor.of(participant), proposal_id=waiting.pk, idempotency_key=vb.key()
        )
    assert not Booking.objects.exists()
    assert AuditEvent.objects.filter(action="brokerage.mandate_revoked", actor_id=participant.pk).exists()


def test_an_expired_mandate_allows_nothing():
    participant, account = b.participant_with_vouchers()
    broker = b.broker()
    mandate = b.mandate(participant, broker, propose=True)
    Mandate.objects.filter(pk=mandate.pk).update(
        valid_from=TODAY - timedelta(days=40), valid_until=TODAY - timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        services.proposal_make(
            actor=Actor.of(broker),
            participant_id=participant.pk,
            card_id=vb.card().pk,
            voucher_account_id=account.pk,
        )


def test_only_the_participant_revokes_their_mandate():
    participant, _account = b.participant_with_vouchers()
    broker = b.broker()
    mandate = b.mandate(participant, broker, propose=True)
    other, _ = b.participant_with_vouchers()
    with pytest.raises(PermissionDenied):
        services.mandate_revoke(actor=Actor.of(other), mandate_id=mandate.pk)
    with pytest.raises(PermissionDenied):
        services.mandate_revoke(actor=Actor.of(broker), mandate_id=mandate.pk)
    assert Mandate.objects.get().revoked_at is None


def test_a_broker_acts_only_for_those_who_gave_them_a_mandate():
    participant, account = b.participant_with_vouchers()
    broker, other_broker = b.broker(), b.broker()
    b.mandate(participant, broker, propose=True)
    with pytest.raises(PermissionDenied):
        services.proposal_make(
            actor=Actor.of(other_broker),
            participant_id=participant.pk,
            card_id=vb.card().pk,
            voucher_account_id=account.pk,
        )
    assert not Proposal.objects.exists()


def test_the_portfolio_scope_lets_the_broker_add_evidence():
    from tests.guidance.builders import started_balance

    balance = started_balance()
    participant = balance.participant
    broker = b.broker()
    with pytest.raises(PermissionDenied):
        services.portfolio_add_for(
            actor=Actor.of(broker), participant_id=participant.pk, title="Referencje", referee_name="Sołtys"
        )
    b.mandate(participant, broker, propose=True)  # no portfolio scope
    with pytest.raises(PermissionDenied):
        services.portfolio_add_for(
            actor=Actor.of(broker), participant_id=participant.pk, title="Referencje", referee_name="Sołtys"
        )
    b.mandate(participant, broker, portfolio=True)

    item = services.portfolio_add_for(
        actor=Actor.of(broker), participant_id=participant.pk, title="Referencje", referee_name="Sołtys Nowak"
    )

    assert item.balance == balance
    assert item.added_by == broker
    assert MandateAct.objects.get().kind == domain.ACT_PORTFOLIO_ADDED
    assert AuditEvent.objects.filter(action="brokerage.portfolio_added_for").count() == 1
