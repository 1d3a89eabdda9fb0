"""The lifecycle of an agreement as a table, checked state by state and role by role against the
declared workflow, and one whole path through the services with its history and audit."""

import pytest

from kierunek.accounts.models import Role
from kierunek.agreements.models import AgreementStatus
from kierunek.agreements.workflows import AGREEMENT
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused

S = AgreementStatus
# The specification, written out independently of AGREEMENT: (state, transition) -> target.
ALLOWED = {
    (S.AWAITING, "accept"): S.ACCEPTED,
    (S.ACCEPTED, "countersign"): S.COUNTERSIGNED,
    (S.COUNTERSIGNED, "terminate"): S.TERMINATED,
}
ROLES_OF = {
    "accept": {Role.PARTICIPANT, Role.PROVIDER_STAFF},
    "countersign": {Role.OFFICER},
    "terminate": {Role.OFFICER},
}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLES_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(AGREEMENT.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert AGREEMENT.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            AGREEMENT.check(state=state, name=name, role=role)
        assert str(refused.value.message)


@pytest.mark.django_db
def test_a_provider_agreement_goes_from_awaiting_to_terminated_with_its_history_and_audit():
    from datetime import timedelta

    from django.utils import timezone

    from kierunek.agreements import services
    from kierunek.core.actor import Actor
    from tests.vouchers.builders import officer, quality_provider

    agreement = quality_provider().agreements.get()
    services.provider_agreement_terminate(
        agreement_id=agreement.pk,
        actor=Actor.of(officer()),
        reason="Naruszenie umowy.",
        no_bookings_after=timezone.localdate() + timedelta(days=3),
    )
    agreement.refresh_from_db()

    assert agreement.status == S.TERMINATED
    assert [(e.status_from, e.status_to) for e in agreement.events.all()] == [
        (S.AWAITING, S.ACCEPTED),
        (S.ACCEPTED, S.COUNTERSIGNED),
        (S.COUNTERSIGNED, S.TERMINATED),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="agreements.agreement", object_id=str(agreement.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "agreements.agreement_generated",
        "agreements.agreement_accepted",
        "agreements.agreement_countersigned",
        "agreements.agreement_terminated",
    ]
