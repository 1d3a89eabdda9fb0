"""The own contribution's API: the participant reads what to pay before and after ordering (their
own only); the operator lists contributions (audited), records a payment (exact amount, once per
bank entry) and a refund; other roles get 403 and nothing changes."""

import pytest
from django.test import Client
from django.utils import timezone

from kierunek.accounts.services import api_token_create
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import services
from kierunek.vouchers.models import Contribution, ContributionStatus
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

BASE = "/api/v1/vouchers"
OFFICE = "/api/v1/vouchers-office"


def api_as(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_token_create(user=user, name='test').secret}"
    return client


def vocational_order(participant=None):
    participant = participant or b.participant_with_plan("vocational")
    return services.order_create(actor=Actor.of(participant), package_id=b.package("vocational").pk)


def test_the_participant_sees_the_contribution_before_ordering_and_after():
    participant = b.participant_with_plan("vocational")
    client = api_as(participant)

    offered = {p["kind"]: p for p in client.get(f"{BASE}/packages").json()}
    assert offered["vocational"]["contribution"] == "649.35"
    assert offered["vocational"]["contribution_due_on"] is not None

    made = client.post(
        f"{BASE}/orders", {"package_id": b.package("vocational").pk}, content_type="application/json"
    )
    order_id = made.json()["id"]
    contribution = client.get(f"{BASE}/orders/{order_id}/contribution").json()

    assert (contribution["status"], contribution["amount"]) == ("due", "649.35")
    assert contribution["account_iban"] == "PL92113010170020123456200001"
    assert contribution["transfer_title"].startswith("KW-")
    assert contribution["qr_payload"] == (
        f"|PL|92113010170020123456200001|064935|Operator Finansowy|{contribution['transfer_title']}|||"
    )


def test_another_persons_contribution_is_404():
    order = vocational_order()
    stranger = api_as(b.participant_with_plan("vocational"))
    assert stranger.get(f"{BASE}/orders/{order.pk}/contribution").status_code == 404


def test_the_operator_lists_records_once_and_refunds():
    order = vocational_order()
    operator = api_as(b.operator())
    contribution = order.contribution

    listed = operator.get(f"{OFFICE}/contributions?view=due").json()
    assert [row["id"] for row in listed] == [contribution.pk]
    assert AuditEvent.objects.filter(action="participant.list_read").exists()

    payment = {"amount": "649.35", "booked_on": f"{timezone.localdate()}", "bank_reference": "ING-77"}
    url = f"{OFFICE}/contributions/{contribution.pk}/payment"
    first = operator.post(url, payment, content_type="application/json")
    again = operator.post(url, payment, content_type="application/json")
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["status"] == "paid"

    services.order_refuse(order_id=order.pk, actor=Actor.of(b.operator()), reason="Rezygnacja.")
    refunded = operator.post(
        f"{OFFICE}/contributions/{contribution.pk}/refund", content_type="application/json"
    )
    assert refunded.json()["status"] == "refunded"


def test_a_wrong_amount_is_409_and_a_malformed_one_422():
    order = vocational_order()
    operator = api_as(b.operator())
    url = f"{OFFICE}/contributions/{order.contribution.pk}/payment"
    day = f"{timezone.localdate()}"

    wrong = operator.post(
        url, {"amount": "649.30", "booked_on": day, "bank_reference": "A"}, content_type="application/json"
    )
    malformed = operator.post(
        url, {"amount": "649.355", "booked_on": day, "bank_reference": "A"}, content_type="application/json"
    )

    assert wrong.status_code == 409
    assert malformed.status_code == 422
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE


def test_other_roles_are_refused_and_nothing_changes():
    order = vocational_order()
    payment = {"amount": "649.35", "booked_on": f"{timezone.localdate()}", "bank_reference": "X"}
    for user in (order.participant, b.officer()):
        client = api_as(user)
        assert client.get(f"{OFFICE}/contributions").status_code == 403
        assert (
            client.post(
                f"{OFFICE}/contributions/{order.contribution.pk}/payment",
                payment,
                content_type="application/json",
            ).status_code
            == 403
        )
    assert api_as(b.operator()).get(f"{BASE}/orders/{order.pk}/contribution").status_code == 403
    assert Contribution.objects.get(pk=order.contribution.pk).status == ContributionStatus.DUE
