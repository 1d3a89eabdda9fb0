"""The payment batch's lifecycle as a table, written out here independently of
``workflows.BATCH``, checked state by state and role by role; then applying a transition writes
the audit row."""

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.vouchers import services
from kierunek.vouchers.models import BatchStatus, PaymentBatch
from kierunek.vouchers.workflows import BATCH
from tests.vouchers import builders as b

S = BatchStatus
ALLOWED = {
    (S.DRAFT, "approve"): S.APPROVED,
    (S.DRAFT, "cancel"): S.CANCELLED,
    (S.APPROVED, "cancel"): S.CANCELLED,
    (S.APPROVED, "send"): S.SENT,
    (S.APPROVED, "pay"): S.PAID,  # the bank may book an approved batch before it is marked sent
    (S.SENT, "pay"): S.PAID,
}
ROLES_OF = {
    "approve": {Role.FINANCIAL_OPERATOR, Role.OFFICER},
    "cancel": {Role.FINANCIAL_OPERATOR},
    "send": {Role.FINANCIAL_OPERATOR},
    "pay": {SYSTEM_ROLE},  # the bank statement's matching, never a person's button
}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(state, name, role) for state in S.values for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition():
    assert set(ROLES_OF) == set(BATCH.transitions)
    assert {name for _state, name in ALLOWED} == set(BATCH.transitions)
    assert set(S.values) == set(BATCH.states)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_check_allows_exactly_the_table(state, name, role):
    if (state, name) in ALLOWED and role in ROLES_OF[name]:
        assert BATCH.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            BATCH.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_apply_writes_the_audit_row():
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    b.settle(booking)
    batch = services.batch_build(
        programme_id=booking.voucher_account.programme_id,
        actor=Actor.of(b.operator()),
        idempotency_key=b.key(),
    )
    assert batch is not None
    second = b.operator()

    batch.approved_by, batch.approved_at = second, timezone.now()
    BATCH.apply(batch, "approve", actor=Actor.of(second), fields=["approved_by", "approved_at"])

    assert PaymentBatch.objects.get(pk=batch.pk).status == S.APPROVED
    audit = AuditEvent.objects.get(action="vouchers.batch_approved")
    assert (audit.actor_id, audit.object_id, audit.details) == (
        second.pk,
        str(batch.pk),
        {"from": S.DRAFT, "to": S.APPROVED},
    )
