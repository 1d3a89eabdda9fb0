"""The own contribution's pages: shown before ordering, the participant's page of it (their own
only), the operator's lists with "received" (confirmed first) and "paid back", and the issue
refused on the orders page while it is unpaid. Each role reaches its own pages only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import services
from kierunek.vouchers.models import Contribution, ContributionStatus, OrderStatus, VoucherOrder
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

DUE = 64_935


def vocational_order(participant=None):
    participant = participant or b.participant_with_plan("vocational")
    return services.order_create(actor=Actor.of(participant), package_id=b.package("vocational").pk)


def test_the_wallet_shows_the_contribution_before_ordering_and_ordering_leads_to_it(client_for):
    participant = b.participant_with_plan("vocational")
    client = client_for(participant)
    client.cookies["django_language"] = "en"

    wallet = client.get(reverse("vouchers:wallet"))
    due_on = wallet.context["packages"][1].contribution.due_on
    assert "649,35" in wallet.content.decode()
    assert f"{due_on:%d.%m.%Y}" in wallet.content.decode()

    response = client.post(reverse("vouchers:order", args=[b.package("vocational").pk]))
    order = VoucherOrder.objects.get(participant=participant)
    assert response.status_code == 302
    assert response["Location"] == reverse("vouchers:contribution", args=[order.pk])


def test_the_participant_sees_amount_account_title_deadline_and_the_transfer_code(client_for):
    order = vocational_order()
    client = client_for(order.participant)

    response = client.get(reverse("vouchers:contribution", args=[order.pk]))
    page = response.content.decode()

    assert response.status_code == 200
    assert "649,35" in page
    assert "PL92 1130 1017 0020 1234 5620 0001" in page
    assert order.contribution.transfer_title in page
    assert f"{order.contribution.due_on:%d.%m.%Y}" in page
    assert "<svg" in page
    assert 'class="segno"' in page


def test_nobody_else_sees_a_participants_contribution(client_for):
    order = vocational_order()
    url = reverse("vouchers:contribution", args=[order.pk])

    assert client_for(b.participant_with_plan("vocational")).get(url).status_code == 404
    assert client_for(b.operator()).get(url).status_code == 403


def test_the_operator_lists_the_awaiting_and_the_read_is_audited(client_for):
    order = vocational_order()
    response = client_for(b.operator()).get(reverse("vouchers:operator_contributions"))

    assert response.status_code == 200
    assert [row["contribution"].pk for row in response.context["rows"]] == [order.contribution.pk]
    read = AuditEvent.objects.get(action="participant.list_read")
    assert read.details["list"] == "vouchers.operator_contributions"


def test_received_is_confirmed_first_then_recorded(client_for):
    order = vocational_order()
    client = client_for(b.operator())
    url = reverse("vouchers:operator_contribution_received", args=[order.contribution.pk])
    data = {"amount": "649,35", "booked_on": f"{timezone.localdate():%Y-%m-%d}", "bank_reference": "PKO-1"}

    asked = client.post(url, data)
    assert asked.status_code == 200
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE

    done = client.post(url, {**data, "confirmed": "yes"})
    assert done.status_code == 302
    contribution = Contribution.objects.get(pk=order.contribution.pk)
    assert (contribution.status, contribution.paid_amount, contribution.bank_reference) == (
        "paid",
        DUE,
        "PKO-1",
    )


def test_a_wrong_amount_is_shown_on_the_form_and_nothing_is_recorded(client_for):
    order = vocational_order()
    url = reverse("vouchers:operator_contribution_received", args=[order.contribution.pk])
    data = {
        "amount": "600,00",
        "booked_on": f"{timezone.localdate():%Y-%m-%d}",
        "bank_reference": "PKO-2",
        "confirmed": "yes",
    }

    response = client_for(b.operator()).post(url, data)

    assert response.status_code == 400
    assert response.context["rows"][0]["form"].errors
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE


def test_other_roles_cannot_record_or_refund(client_for):
    order = vocational_order()
    received = reverse("vouchers:operator_contribution_received", args=[order.contribution.pk])
    refund = reverse("vouchers:operator_contribution_refund", args=[order.contribution.pk])
    data = {"amount": "649,35", "booked_on": "2026-01-05", "bank_reference": "X", "confirmed": "yes"}
    for user in (order.participant, b.officer()):
        client = client_for(user)
        assert client.post(received, data).status_code == 403
        assert client.post(refund, {"confirmed": "yes"}).status_code == 403
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE


def test_the_issue_is_refused_on_the_orders_page_while_unpaid_then_done(client_for):
    order = vocational_order()
    operator = b.operator()
    client = client_for(operator)
    page = client.get(reverse("vouchers:operator_orders"))
    assert order.contribution.transfer_title in page.content.decode()
    key = page.context["rows"][0]["issue_form"].initial["idempotency_key"]
    issue = reverse("vouchers:operator_order_issue", args=[order.pk])

    refused = client.post(issue, {"idempotency_key": key})
    assert refused.status_code == 400
    b.contribution_paid(order, by=operator)
    issued = client.post(issue, {"idempotency_key": key})

    assert issued.status_code == 302
    assert VoucherOrder.objects.get(pk=order.pk).status == OrderStatus.ISSUED


def test_a_refund_is_recorded_from_the_list_of_contributions_to_pay_back(client_for):
    order = vocational_order()
    operator = b.operator()
    b.contribution_paid(order, by=operator)
    services.order_refuse(order_id=order.pk, actor=Actor.of(operator), reason="Brak zgody.")
    client = client_for(operator)

    listed = client.get(reverse("vouchers:operator_contributions") + "?view=to_refund")
    assert [row["contribution"].pk for row in listed.context["rows"]] == [order.contribution.pk]
    url = reverse("vouchers:operator_contribution_refund", args=[order.contribution.pk])
    assert client.post(url, {}).status_code == 200  # the question first
    assert client.post(url, {"confirmed": "yes"}).status_code == 302

    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.REFUNDED
