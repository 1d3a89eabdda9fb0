"""The voucher order's lifecycle as a table, written out here independently of
``workflows.ORDER``, checked state by state and role by role; then applying a transition writes
the audit row."""

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.vouchers.models import OrderStatus, VoucherOrder
from kierunek.vouchers.workflows import ORDER
from tests.vouchers import builders as b

S = OrderStatus
ALLOWED = {(S.ORDERED, "issue"): S.ISSUED, (S.ORDERED, "refuse"): S.REFUSED, (S.ORDERED, "lapse"): S.LAPSED}
ROLES_OF = {"issue": {Role.FINANCIAL_OPERATOR}, "refuse": {Role.FINANCIAL_OPERATOR}, "lapse": {SYSTEM_ROLE}}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(state, name, role) for state in S.values for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition():
    assert set(ROLES_OF) == set(ORDER.transitions)
    assert set(S.values) == set(ORDER.states)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_check_allows_exactly_the_table(state, name, role):
    if (state, name) in ALLOWED and role in ROLES_OF[name]:
        assert ORDER.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            ORDER.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_apply_writes_the_audit_row():
    from kierunek.vouchers import services

    order = services.order_create(actor=Actor.of(b.participant_with_plan()), package_id=b.package().pk)
    operator = b.operator()

    order.decided_at, order.decided_by, order.refusal_reason = timezone.now(), operator, "Brak środków."
    ORDER.apply(
        order, "refuse", actor=Actor.of(operator), fields=["decided_at", "decided_by", "refusal_reason"]
    )

    assert VoucherOrder.objects.get(pk=order.pk).status == S.REFUSED
    audit = AuditEvent.objects.get(action="vouchers.order_refused")
    assert (audit.actor_id, audit.object_id, audit.details) == (
        operator.pk,
        str(order.pk),
        {"from": S.ORDERED, "to": S.REFUSED},
    )
