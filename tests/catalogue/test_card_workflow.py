"""The service card's lifecycle (kierunek.catalogue.workflows.CARD) as a table: every state
against every transition and every role, checked against the workflow; then the services on real
cards: an allowed step moves the card and writes the audit row (and, for a published card
cancelled, its public history), a refused one says why and changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.catalogue import services
from kierunek.catalogue.models import CardRevision, CardStatus, ServiceCard
from kierunek.catalogue.workflows import CARD
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import WORKFLOWS, TransitionRefused
from tests.catalogue.factories import ServiceCardFactory
from tests.providers.factories import provider_staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


S = CardStatus

# The specification, written out independently of workflows.py: (state, transition) -> target.
ALLOWED = {
    (S.DRAFT, "publish"): S.PUBLISHED,
    (S.DRAFT, "cancel"): S.CANCELLED,
    (S.PUBLISHED, "cancel"): S.CANCELLED,
    (S.PUBLISHED, "complete"): S.COMPLETED,
}
ROLES_OF = {
    "publish": {Role.PROVIDER_STAFF},
    "cancel": {Role.PROVIDER_STAFF},
    "complete": {Role.PROVIDER_STAFF},
}
AUDIT_OF = {
    "publish": "catalogue.card_published",
    "cancel": "catalogue.card_cancelled",
    "complete": "catalogue.card_completed",
}
# What a provider reads when the card's state does not allow the step.
REFUSAL_OF = {
    "publish": "Only a draft can be published.",
    "cancel": "This service is already completed or cancelled.",
    "complete": "Only a published service can be completed.",
}
ALL_ROLES = [*Role.values, "system"]
CASES = [(state, name, role) for state in CardStatus for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition_and_state():
    assert WORKFLOWS["catalogue.card"] is CARD
    assert set(CARD.transitions) == set(ROLES_OF) == {name for _state, name in ALLOWED}
    assert set(CARD.states) == set(CardStatus.values)
    for name, transition in CARD.transitions.items():
        assert transition.audit_action == AUDIT_OF[name]
        assert transition.notification is None  # a card's steps send no e-mail
        assert str(transition.label)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    allowed = (state, name) in ALLOWED and role in ROLES_OF[name]
    if allowed:
        assert CARD.check(state=state, name=name, role=role).target == ALLOWED[state, name]
    else:
        with pytest.raises(TransitionRefused):
            CARD.check(state=state, name=name, role=role)


@pytest.mark.parametrize(("state", "name"), [(state, name) for state in CardStatus for name in ROLES_OF])
def test_a_refused_state_says_why_in_the_services_words(state, name):
    if (state, name) in ALLOWED:
        assert CARD.check(state=state, name=name).target == ALLOWED[state, name]
        return
    with pytest.raises(TransitionRefused) as refused:
        CARD.check(state=state, name=name)
    assert refused.value.messages == [REFUSAL_OF[name]]


def _card(status: str) -> ServiceCard:
    return ServiceCardFactory(status=status)


def _run(name: str, card: ServiceCard, actor: Actor) -> None:
    if name == "publish":
        services.card_publish(card=card, actor=actor, today=card.enrolment_deadline - timedelta(days=1))
    elif name == "cancel":
        services.card_cancel(card=card, actor=actor, reason="Za mało chętnych.")
    else:
        services.card_complete(card=card, actor=actor, today=card.ends_on + timedelta(days=1))


@pytest.mark.parametrize(("state", "name"), [(state, name) for state in CardStatus for name in ROLES_OF])
def test_the_services_move_a_card_exactly_as_the_table_says(state, name):
    card = _card(state)
    actor = Actor(user=provider_staff_of(card.provider), ip_address="192.0.2.7")
    if (state, name) in ALLOWED:
        _run(name, card, actor)
        card.refresh_from_db()
        assert card.status == ALLOWED[state, name]
        event = AuditEvent.objects.get(action=AUDIT_OF[name])
        assert (event.actor, event.object_id, event.ip_address) == (actor.user, str(card.pk), "192.0.2.7")
    else:
        with pytest.raises(ValidationError) as refused:
            _run(name, card, actor)
        assert REFUSAL_OF[name] in refused.value.messages
        card.refresh_from_db()
        assert card.status == state
        assert not AuditEvent.objects.filter(action__startswith="catalogue.").exists()


def test_apply_writes_the_history_row_and_the_audit_row():
    card = _card(S.PUBLISHED)
    staff = provider_staff_of(card.provider)

    services.card_cancel(card=card, actor=Actor.of(staff), reason=" Za mało chętnych. ")

    revision = CardRevision.objects.get(card=card)
    assert revision.changed_by == staff
    assert revision.changes == {"status": ["published", "cancelled"], "reason": ["", "Za mało chętnych."]}
    event = AuditEvent.objects.get(action="catalogue.card_cancelled")
    assert event.details == {"reason": "Za mało chętnych."}


def test_a_draft_cancelled_has_no_public_history():
    card = _card(S.DRAFT)
    services.card_cancel(card=card, actor=Actor.of(provider_staff_of(card.provider)), reason="Pomyłka.")
    assert not CardRevision.objects.filter(card=card).exists()
    assert AuditEvent.objects.filter(action="catalogue.card_cancelled").count() == 1
