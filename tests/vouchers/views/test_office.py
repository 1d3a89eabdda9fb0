"""The financial operator's and the officer's pages of the vouchers context: each role opens its own
pages and no other's (and a refused request changes nothing); orders are issued once however often
the form is sent; settlement, batches with four-eyes approval, the bank files and the
reconciliation; frozen bookings, clawbacks and payout freezes."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
import xmlschema
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent, BackgroundJob
from kierunek.providers.models import Provider
from kierunek.vouchers import pain001, services
from kierunek.vouchers import tasks as vouchers_tasks
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    BatchStatus,
    Booking,
    LedgerTransaction,
    OrderStatus,
    PaymentBatch,
    PayoutFreeze,
    SettlementRun,
    SettlementRunStatus,
    TransactionKind,
    VoucherAccount,
    VoucherOrder,
)
from kierunek.vouchers.services import settlement as settlement_services
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.pages import shows, text
from tests.vouchers import builders as b
from tests.vouchers.builders import built_batch, ordered, settled_booking

pytestmark = pytest.mark.django_db


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


# --- who may open what -------------------------------------------------------------------------

OPERATOR_PAGES = [
    "vouchers:operator_orders",
    "vouchers:operator_settlement",
    "vouchers:operator_batches",
    "vouchers:operator_reconciliation",
]
OFFICER_PAGES = ["vouchers:officer_bookings", "vouchers:officer_freezes"]


@pytest.mark.parametrize("name", OPERATOR_PAGES)
def test_operator_pages_open_for_the_operator_only(client_for, name):
    assert client_for(b.operator()).get(reverse(name)).status_code == 200
    for user in (
        ParticipantFactory(),
        StaffUserFactory(role=Role.OFFICER),
        StaffUserFactory(role=Role.PROVIDER_STAFF),
    ):
        assert client_for(user).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", OFFICER_PAGES)
def test_officer_pages_open_for_the_officer_only(client_for, name):
    assert client_for(b.officer()).get(reverse(name)).status_code == 200
    for user in (ParticipantFactory(), b.operator()):
        assert client_for(user).get(reverse(name)).status_code == 403


def test_the_frozen_booking_email_links_to_the_officer_page():
    assert reverse("vouchers:officer_bookings").startswith("/")


# --- orders ------------------------------------------------------------------------------------


def test_operator_sees_orders_waiting_and_the_budget_left(client_for):
    order = ordered()
    response = client_for(b.operator()).get(reverse("vouchers:operator_orders"))
    rows = response.context["rows"]
    assert [item["row"].order.pk for item in rows] == [order.pk]
    assert rows[0]["row"].value == 180 * 1500  # the general package at today's unit
    assert response.context["budget_left"] == order.programme.budget
    assert f'id="order-{order.pk}"' in text(response)


def test_issuing_twice_with_the_same_form_issues_once(client_for):
    order = ordered()
    client = client_for(b.operator())
    page = client.get(reverse("vouchers:operator_orders"))
    key = page.context["rows"][0]["issue_form"].initial["idempotency_key"]
    url = reverse("vouchers:operator_order_issue", args=[order.pk])

    first = client.post(url, {"idempotency_key": key})
    second = client.post(url, {"idempotency_key": key})  # the double click

    assert first.status_code == 302
    assert second.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.ISSUED
    assert VoucherAccount.objects.filter(order=order).count() == 1
    assert LedgerTransaction.objects.filter(kind=TransactionKind.ISSUE).count() == 1
    page = client.get(reverse("vouchers:operator_orders"))
    assert page.context["budget_left"] == order.programme.budget - 180 * 1500
    assert ledger_violations() == []


def test_issuing_without_the_rendered_key_is_refused_on_the_page(client_for):
    order = ordered()
    response = client_for(b.operator()).post(reverse("vouchers:operator_order_issue", args=[order.pk]), {})
    assert response.status_code == 400
    assert shows(response, "The form has expired. Reload the page and try again.")
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


def test_a_refusal_needs_a_reason_shown_in_the_form(client_for):
    order = ordered()
    client = client_for(b.operator())
    url = reverse("vouchers:operator_order_refuse", args=[order.pk])

    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert f'id="refuse-{order.pk}-reason_errors"' in text(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED

    assert client.post(url, {"reason": "Plan nie obejmuje tego pakietu."}).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUSED
    assert order.refusal_reason == "Plan nie obejmuje tego pakietu."


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OFFICER, Role.PROVIDER_STAFF])
def test_other_roles_cannot_issue_or_refuse_and_nothing_changes(client_for, role):
    order = ordered()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    client = client_for(user)
    issue = client.post(
        reverse("vouchers:operator_order_issue", args=[order.pk]), {"idempotency_key": "x" * 20}
    )
    refuse = client.post(reverse("vouchers:operator_order_refuse", args=[order.pk]), {"reason": "Nie."})
    assert issue.status_code == 403
    assert refuse.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    assert not VoucherAccount.objects.exists()


# --- settlement --------------------------------------------------------------------------------


def test_settlement_page_counts_what_can_be_settled_and_why_the_rest_waits(
    client_for, django_capture_on_commit_callbacks
):
    ready = b.confirmed_and_evaluated(b.book(b.issued_account()))
    waiting = b.completed(b.book(b.issued_account()))  # neither confirmed nor evaluated
    client = client_for(b.operator())

    page = client.get(reverse("vouchers:operator_settlement"))
    preview = page.context["preview"]
    assert preview.settleable == 1
    assert preview.settleable_amount == ready.amount
    assert preview.skipped == {"not_confirmed": 1, "not_evaluated": 1}
    with translation.override("pl"):
        reason = capfirst(gettext("the participant has not confirmed the attendance yet"))
    assert escape(reason) in text(page)

    key = page.context["settle_form"].initial["idempotency_key"]
    with django_capture_on_commit_callbacks(execute=True):  # the run settles once its record is committed
        assert client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key}).status_code == 302
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert ready.status == "settled"
    assert waiting.status == "completed"
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 1

    page = client.get(reverse("vouchers:operator_settlement"))
    [row] = page.context["receivables"]
    assert row.provider == ready.provider
    assert row.balance == ready.amount
    assert row.payable


def test_a_frozen_provider_is_counted_as_waiting_for_that_reason(client_for):
    ready = b.confirmed_and_evaluated(b.book(b.issued_account()))
    services.payout_freeze(provider_id=ready.provider_id, actor=Actor.of(b.officer()), reason="Kontrola.")
    page = client_for(b.operator()).get(reverse("vouchers:operator_settlement"))
    assert page.context["preview"].settleable == 0
    assert page.context["preview"].skipped == {"provider_frozen": 1}


def test_building_a_batch_from_the_settlement_page(client_for, django_capture_on_commit_callbacks):
    """The form starts a background job and sends the person to its page, which ends on the batch."""
    booking = settled_booking()
    client = client_for(b.operator())
    page = client.get(reverse("vouchers:operator_settlement"))
    key = page.context["build_form"].initial["idempotency_key"]

    with django_capture_on_commit_callbacks(execute=True):  # the worker runs once the job is recorded
        response = client.post(reverse("vouchers:operator_batch_build"), {"idempotency_key": key})

    batch = PaymentBatch.objects.get()
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    assert shows(
        job_page,
        "Payment batch %(reference)s is built. A second person approves it.",
        reference=batch.reference,
    )
    assert f'href="{reverse("vouchers:operator_batch", args=[batch.pk])}"' in text(job_page)
    assert batch.total == booking.amount
    # Sent again (the double click): the same batch, nothing moved twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("vouchers:operator_batch_build"), {"idempotency_key": key})
    assert PaymentBatch.objects.count() == 1


def test_a_batch_build_waiting_for_a_worker_shows_its_progress_page(
    client_for, django_capture_on_commit_callbacks
):
    """Without a worker yet, the person lands on the job's page, which says it waits and asks
    for its progress by HTMX; once the worker ran, the progress part sends HTMX to the batch."""
    settled_booking()
    client = client_for(b.operator())
    key = client.get(reverse("vouchers:operator_settlement")).context["build_form"].initial["idempotency_key"]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("vouchers:operator_batch_build"), {"idempotency_key": key})
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert PaymentBatch.objects.count() == 0
    page = client.get(response["Location"])
    assert shows(page, "Waiting for a worker to start…")
    assert 'hx-trigger="every 2s"' in page.content.decode()

    for callback in queued:  # the worker takes the job
        callback()

    part = client.get(response["Location"], headers={"HX-Request": "true"})
    batch = PaymentBatch.objects.get()
    assert part["HX-Redirect"] == reverse("vouchers:operator_batch", args=[batch.pk])
    assert "every 2s" not in part.content.decode()
    # Nobody else follows it: another operator gets 404.
    other = client_for(b.operator())
    assert other.get(response["Location"]).status_code == 404


def test_a_batch_with_an_execution_date_in_the_past_is_refused_on_the_form(client_for):
    settled_booking()
    client = client_for(b.operator())
    key = client.get(reverse("vouchers:operator_settlement")).context["build_form"].initial["idempotency_key"]
    response = client.post(
        reverse("vouchers:operator_batch_build"), {"idempotency_key": key, "execution_date": "2020-01-01"}
    )
    assert response.status_code == 400
    assert shows(response, "The execution date cannot be in the past.")
    assert BackgroundJob.objects.count() == 0


def test_building_a_batch_when_nothing_is_due_says_so(client_for):
    client = client_for(b.operator())
    key = client.get(reverse("vouchers:operator_settlement")).context["build_form"].initial["idempotency_key"]
    response = client.post(reverse("vouchers:operator_batch_build"), {"idempotency_key": key})
    assert response.status_code == 400
    assert shows(response, "Nothing is due: no provider has a receivable that can be paid now.")


def test_a_settlement_runs_in_the_background_and_its_page_shows_the_progress(
    client_for, django_capture_on_commit_callbacks
):
    """The form only records the run and enqueues it; the run's page refreshes itself (HTMX every
    2 s, announced politely, with a link without JavaScript) until the run has finished."""
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    client = client_for(b.operator())
    key = (
        client.get(reverse("vouchers:operator_settlement")).context["settle_form"].initial["idempotency_key"]
    )

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key})
    run = SettlementRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("vouchers:operator_settlement_run", args=[run.pk])
    assert len(queued) == 1  # the task, enqueued once the record is committed
    booking.refresh_from_db()
    assert booking.status == "completed"  # nothing settled in the request

    page = client.get(response["Location"])
    html = text(page)
    assert 'aria-live="polite"' in html
    assert 'hx-trigger="every 2s"' in html
    assert f'href="{response["Location"]}"' in html  # the refresh link without JavaScript
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    assert text(partial).startswith('<div id="settlement-progress"')
    assert "<h1>" not in text(partial)

    assert f'name="idempotency_key" value="{key}"' in html  # to continue a run whose worker stopped

    with django_capture_on_commit_callbacks(execute=True):  # continued: the same run, enqueued again
        again = client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key})
    assert again["Location"] == response["Location"]
    queued[0]()  # the first worker comes back: nothing is settled twice
    booking.refresh_from_db()
    assert booking.status == "settled"
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 1
    assert 'name="idempotency_key"' not in text(client.get(response["Location"]))
    done = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "hx-trigger" not in text(done)  # finished: the polling stops
    with translation.override("pl"):
        said = gettext("Settled %(count)s bookings of %(providers)s providers.") % {
            "count": 1,
            "providers": 1,
        }
    assert said in text(done)


def test_a_settlement_whose_worker_fails_says_so_and_is_continued(
    client_for, monkeypatch, django_capture_on_commit_callbacks
):
    """A worker that stops on an error half-way: the providers settled before stay settled, the
    run is failed (audited) and its page says so and offers to continue, which settles the rest
    and nothing twice. The fault is injected into the second provider's posting."""
    first = b.confirmed_and_evaluated(b.book(b.issued_account()))
    second = b.confirmed_and_evaluated(b.book(b.issued_account()))
    assert first.provider_id < second.provider_id
    client = client_for(b.operator())
    key = (
        client.get(reverse("vouchers:operator_settlement")).context["settle_form"].initial["idempotency_key"]
    )
    monkeypatch.setattr(
        settings, "KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION", 1
    )  # one provider a transaction
    posting = settlement_services._settlement_post

    def failing_on_the_second(run, *, provider_id, **kwargs):
        if provider_id == second.provider_id:
            raise RuntimeError("connection to the database lost")
        return posting(run, provider_id=provider_id, **kwargs)

    monkeypatch.setattr(settlement_services, "_settlement_post", failing_on_the_second)
    with django_capture_on_commit_callbacks(execute=False):  # recorded; the worker is run below
        client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key})
    run = SettlementRun.objects.get()
    with pytest.raises(RuntimeError):
        vouchers_tasks.settle.call(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == SettlementRunStatus.FAILED
    assert (run.settled, run.providers_done, run.providers_total) == (1, 1, 2)
    assert AuditEvent.objects.filter(action="vouchers.settlement_failed", object_id=str(run.pk)).exists()
    page = client.get(reverse("vouchers:operator_settlement_run", args=[run.pk]))
    assert shows(page, "The settlement stopped before the end.")
    assert "every 2s" not in text(page)  # it stops asking
    assert f'name="idempotency_key" value="{key}"' in text(page)

    monkeypatch.setattr(settlement_services, "_settlement_post", posting)  # the fault is gone
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("vouchers:operator_settle"), {"idempotency_key": key})
    run.refresh_from_db()
    assert run.status == SettlementRunStatus.DONE
    assert run.settled == 2
    assert {Booking.objects.get(pk=pk).status for pk in (first.pk, second.pk)} == {"settled"}
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 2
    assert ledger_violations() == []


def test_a_settlement_run_that_stopped_moving_is_shown_stopped_and_swept(client_for):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    operator = b.operator()
    run = settlement_services.settlement_run_start(
        programme_id=booking.voucher_account.programme_id, actor=Actor.of(operator), idempotency_key="s" * 20
    )
    SettlementRun.objects.filter(pk=run.pk).update(moved_at=timezone.now() - timedelta(hours=1))
    page = client_for(operator).get(reverse("vouchers:operator_settlement_run", args=[run.pk]))
    assert shows(page, "It has not moved for some minutes: its worker stopped.")

    assert settlement_services.settlement_runs_sweep() == 1
    run.refresh_from_db()
    assert run.status == SettlementRunStatus.FAILED
    assert settlement_services.settlement_runs_sweep() == 0


def test_an_officer_cannot_settle_and_nothing_is_settled(client_for):
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    client = client_for(b.officer())
    response = client.post(reverse("vouchers:operator_settle"), {"idempotency_key": "k" * 20})
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == "completed"
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).exists()


# --- batches -----------------------------------------------------------------------------------


def test_the_builder_cannot_approve_and_sees_why(client_for):
    builder = b.operator()
    batch = built_batch(builder)
    client = client_for(builder)

    page = client.get(reverse("vouchers:operator_batch", args=[batch.pk]))
    assert shows(page, "You built this batch, so a second person must approve it.")
    assert not page.context["can_approve"]
    response = client.post(
        reverse("vouchers:operator_batch_action", args=[batch.pk]), {"action": "approve"}, follow=True
    )
    assert shows(response, "The person who built a batch cannot approve it.")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT
    assert batch.approved_by is None


def test_who_approved_a_provider_of_the_batch_cannot_approve_it(client_for):
    batch = built_batch(b.operator())
    second = b.operator()
    Provider.objects.filter(pk=batch.lines.get().provider_id).update(decided_by=second)
    client = client_for(second)

    page = client.get(reverse("vouchers:operator_batch", args=[batch.pk]))
    assert shows(page, "You approved a provider in this batch, so you cannot approve its settlement.")
    client.post(reverse("vouchers:operator_batch_action", args=[batch.pk]), {"action": "approve"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT


def test_a_batch_from_approval_to_paid_with_its_bank_files(client_for):
    builder, second = b.operator(), b.operator()
    batch = built_batch(builder)
    approver = client_for(second)
    url = reverse("vouchers:operator_batch_action", args=[batch.pk])

    # No bank file before the second person approves.
    early = approver.get(reverse("vouchers:operator_batch_xml", args=[batch.pk]))
    assert early.status_code == 302

    approver.post(url, {"action": "approve"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    assert batch.approved_by == second

    xml = approver.get(reverse("vouchers:operator_batch_xml", args=[batch.pk]))
    assert xml["Content-Disposition"] == f'attachment; filename="{batch.reference}.pain001.xml"'
    document = streamed(xml)
    schema = xmlschema.XMLSchema(str(pain001.XSD_PATH))
    schema.validate(io.BytesIO(document))
    data = schema.to_dict(io.BytesIO(document), decimal_type=Decimal)
    header = data["CstmrCdtTrfInitn"]["GrpHdr"]
    assert header["MsgId"] == batch.reference
    assert Decimal(header["CtrlSum"]) * 100 == batch.total

    csv_response = approver.get(reverse("vouchers:operator_batch_csv", args=[batch.pk]))
    rows = streamed(csv_response).decode("utf-8-sig").splitlines()
    line = batch.lines.get()
    assert rows[1].split(";")[3] == pain001.amount_csv(line.amount)

    approver.post(url, {"action": "sent"})
    # No button makes it paid: the bank's statement does, uploaded on the statements page.
    refused = approver.post(url, {"action": "paid", "confirmed": "yes"}, follow=True)
    assert shows(refused, "Choose what to do with the batch.")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    statement = SimpleUploadedFile("wyciag.xml", b.statement_of(b.bank_entries(batch)))
    approver.post(reverse("vouchers:operator_statements"), {"file": statement})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PAID
    page = approver.get(reverse("vouchers:operator_batches"))
    assert [row.pk for row in page.context["batches"]] == [batch.pk]
    assert ledger_violations() == []


def test_cancelling_a_batch_returns_the_receivables(client_for):
    batch = built_batch(b.operator())
    client = client_for(b.operator())
    client.post(
        reverse("vouchers:operator_batch_action", args=[batch.pk]), {"action": "cancel", "confirmed": "yes"}
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    [row] = client.get(reverse("vouchers:operator_settlement")).context["receivables"]
    assert row.balance == batch.total


def test_an_officer_cannot_approve_a_batch_on_these_pages_and_nothing_changes(client_for):
    batch = built_batch(b.operator())
    client = client_for(b.officer())
    assert (
        client.post(
            reverse("vouchers:operator_batch_action", args=[batch.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    assert client.get(reverse("vouchers:operator_batch_xml", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT


def test_batch_pages_of_a_missing_batch_are_404(client_for):
    client = client_for(b.operator())
    assert client.get(reverse("vouchers:operator_batch", args=[999999])).status_code == 404
    assert client.get(reverse("vouchers:operator_batch_csv", args=[999999])).status_code == 404


# --- reconciliation ----------------------------------------------------------------------------


def test_reconciliation_agrees_after_a_whole_payment_round(client_for):
    builder, second = b.operator(), b.operator()
    batch = built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(second))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    b.bank_confirms(batch, builder)
    clawed = settled_booking()
    services.booking_clawback(
        booking_id=clawed.pk,
        actor=Actor.of(b.officer()),
        reason="Nie odbyło się.",
        idempotency_key=b.key("cb"),
    )
    ordered()  # an order waiting: nothing moved

    page = client_for(b.operator()).get(reverse("vouchers:operator_reconciliation"))
    result = page.context["result"]
    assert result.balanced
    assert all(check.difference == 0 for check in result.checks)
    assert [row.difference for row in result.batches] == [0]
    assert result.totals["paid_out"] == batch.total
    assert result.totals["clawed_back"] == clawed.amount
    assert result.totals["issued"] == 2 * 180 * 1500
    assert shows(page, "Everything agrees: every difference is 0.")
    assert shows(page, "Every invariant of the ledger holds.")


# --- officer: frozen bookings ------------------------------------------------------------------


def frozen_booking() -> Booking:
    account = b.issued_account()
    created = services.booking_create(
        actor=Actor.of(account.participant),
        card_id=b.card().pk,
        voucher_account_id=account.pk,
        idempotency_key=b.key("book"),
    )
    assert created.not_me_token is not None
    return services.booking_not_me(token=created.not_me_token)


def test_officer_voids_a_frozen_booking_with_a_reason(client_for):
    booking = frozen_booking()
    client = client_for(b.officer())
    page = client.get(reverse("vouchers:officer_bookings"))
    assert [item["booking"].pk for item in page.context["frozen"]] == [booking.pk]

    url = reverse("vouchers:officer_booking_void", args=[booking.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert f'id="void-{booking.pk}-reason_errors"' in text(refused)
    booking.refresh_from_db()
    assert booking.status == "frozen"

    assert client.post(url, {"reason": "Zgłoszenie potwierdzone.", "confirmed": "yes"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    account = booking.voucher_account
    account.account.refresh_from_db()
    assert account.account.balance == account.issued_value
    assert ledger_violations() == []


def test_officer_restores_a_frozen_booking(client_for):
    booking = frozen_booking()
    client = client_for(b.officer())
    assert (
        client.post(
            reverse("vouchers:officer_booking_restore", args=[booking.pk]), {"note": "W porządku."}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_an_operator_cannot_void_and_the_booking_stays_frozen(client_for):
    booking = frozen_booking()
    client = client_for(b.operator())
    response = client.post(reverse("vouchers:officer_booking_void", args=[booking.pk]), {"reason": "Nie."})
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == "frozen"


# --- officer: clawback -------------------------------------------------------------------------


def test_officer_finds_a_settled_booking_and_claws_it_back_once(client_for):
    booking = settled_booking()
    other = settled_booking()
    client = client_for(b.officer())

    page = client.get(reverse("vouchers:officer_bookings"), {"q": str(booking.pk)})
    found = [item["booking"].pk for item in page.context["settled"]]
    assert booking.pk in found
    assert other.pk not in found
    key = page.context["settled"][found.index(booking.pk)]["form"].initial["idempotency_key"]
    url = reverse("vouchers:officer_booking_clawback", args=[booking.pk])

    missing_reason = client.post(url, {"idempotency_key": key, "reason": ""})
    assert missing_reason.status_code == 400
    assert f'id="clawback-{booking.pk}-reason_errors"' in text(missing_reason)

    assert (
        client.post(
            url, {"idempotency_key": key, "reason": "Szkolenie się nie odbyło.", "confirmed": "yes"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"idempotency_key": key, "reason": "Szkolenie się nie odbyło.", "confirmed": "yes"}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.status == "clawed_back"
    assert LedgerTransaction.objects.filter(kind=TransactionKind.CLAWBACK).count() == 1
    assert ledger_violations() == []


def test_an_operator_cannot_claw_back_and_nothing_changes(client_for):
    booking = settled_booking()
    response = client_for(b.operator()).post(
        reverse("vouchers:officer_booking_clawback", args=[booking.pk]),
        {"idempotency_key": "k" * 20, "reason": "Nie."},
    )
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == "settled"
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.CLAWBACK).exists()


# --- officer: payout freezes -------------------------------------------------------------------


def test_officer_freezes_a_provider_in_one_action_and_lifts_it(client_for):
    provider = b.quality_provider()
    client = client_for(b.officer())
    page = client.get(reverse("vouchers:officer_freezes"), {"q": provider.nip})
    assert [item["row"].provider.pk for item in page.context["rows"]] == [provider.pk]

    url = reverse("vouchers:officer_freeze", args=[provider.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert f'id="freeze-{provider.pk}-reason_errors"' in text(refused)
    assert not PayoutFreeze.objects.exists()

    assert client.post(url, {"reason": "Kontrola urzędu.", "confirmed": "yes"}).status_code == 302
    freeze = PayoutFreeze.objects.get()
    assert freeze.provider == provider
    assert freeze.lifted_at is None
    listed = client.get(reverse("vouchers:officer_freezes")).context["rows"]
    assert listed[0]["row"].provider == provider
    assert listed[0]["row"].freeze == freeze

    unfreeze = reverse("vouchers:officer_unfreeze", args=[provider.pk])
    assert client.post(unfreeze, {"confirmed": "yes"}).status_code == 302
    freeze.refresh_from_db()
    assert freeze.lifted_at is not None


def test_an_operator_cannot_freeze_and_nothing_is_frozen(client_for):
    provider = b.quality_provider()
    response = client_for(b.operator()).post(
        reverse("vouchers:officer_freeze", args=[provider.pk]), {"reason": "Nie."}
    )
    assert response.status_code == 403
    assert not PayoutFreeze.objects.exists()


def test_orders_page_queries_do_not_grow_with_the_orders(client_for, django_assert_max_num_queries):
    client = client_for(b.operator())
    for _ in range(3):
        ordered()
    with django_assert_max_num_queries(25):
        response = client.get(reverse("vouchers:operator_orders"))
    assert len(response.context["rows"]) == 3
    assert VoucherOrder.objects.count() == 3


# --- dashboards --------------------------------------------------------------------------------


def test_dashboards_count_what_waits_and_link_to_the_pages(client_for):
    ordered()
    b.confirmed_and_evaluated(b.book(b.issued_account()))
    frozen_booking()
    operator_page = client_for(b.operator()).get(reverse("portal:dashboard"), follow=True)
    assert 'id="work-orders">1<' in text(operator_page)
    assert 'id="work-settleable">1<' in text(operator_page)
    assert reverse("vouchers:operator_orders") in text(operator_page)
    officer_page = client_for(b.officer()).get(reverse("portal:dashboard"), follow=True)
    assert 'id="work-frozen">1<' in text(officer_page)
    assert reverse("vouchers:officer_freezes") in text(officer_page)
