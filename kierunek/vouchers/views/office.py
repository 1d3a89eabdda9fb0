"""The financial operator's voucher pages (the officer's are in :mod:`.officer`): voucher orders
to issue or refuse (with the budget left), the settlement (what a run would settle and why the
rest waits, the providers' receivables, building a payment batch), payment batches (approval by a
second person, the pain.001 and CSV files, sent, paid, cancel) and the reconciliation of the
ledger with the batches.

Thin: each view checks the role (``role_required``) and finds its object (404 otherwise), calls one
service, and shows the service's refusal on the page: a form error, or a message for a button."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.jobs import job_start
from kierunek.core.money import Money
from kierunek.core.pages import (
    REFUSALS_AND_DENIALS,
    act,
    confirm_first,
    flash_refusal,
    form_add_refusal,
    job_followed,
    post_or_back,
    refusal_messages,
    submit,
)
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.programmes.models import Programme

from ..forms.office import (
    BatchBuildForm,
    IssueForm,
    RefuseForm,
    SettleForm,
)
from ..jobs import BATCH_BUILD
from ..models import BatchStatus, PaymentBatch, SettlementRun, SettlementRunStatus, VoucherOrder
from ..selectors import office as selectors
from ..selectors import statements as statement_selectors
from ..services import base as service_base
from ..services import orders as order_services
from ..services import payouts as payout_services
from ..services import settlement as settlement_services
from .common import batch_file_response


def _programme(request: HttpRequest) -> Programme:
    raw = request.GET.get("programme") or request.POST.get("programme")
    programme_id = int(raw) if raw and raw.isdigit() else None
    programme = selectors.programme_for_office(programme_id=programme_id)
    if programme is None:
        raise Http404(_("There is no programme."))
    return programme


def _programme_page(
    request: HttpRequest, template: str, programme: Programme, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """An operator's page of one programme, with the programmes to switch to."""
    return render(
        request,
        template,
        {"programme": programme, "programmes": selectors.programmes(), **context},
        status=status,
    )


def _with_programme(name: str, programme: Programme, *args: Any) -> str:
    return f"{reverse(name, args=args)}?programme={programme.pk}"


def _skip_labels() -> dict[str, str]:
    return {
        "not_confirmed": _("the participant has not confirmed the attendance yet"),
        "not_evaluated": _("the participant has not evaluated the service yet"),
        "provider_frozen": _("the provider's payouts are frozen by an officer"),
        "provider_on_hold": _("the provider's payouts are on hold after a bank account change"),
    }


# --- financial operator: orders ----------------------------------------------------------------


def _orders_page(
    request: HttpRequest,
    programme: Programme,
    *,
    refuse_for: int | None = None,
    refuse_form: RefuseForm | None = None,
    issue_for: int | None = None,
    issue_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = service_base.today()
    rows = []
    waiting = selectors.orders_waiting(programme=programme, day=today)
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[row.order.participant_id for row in waiting],
        list_name="vouchers.operator_orders",
    )
    for row in waiting:
        pk = row.order.pk
        rows.append(
            {
                "row": row,
                "issue_form": IssueForm(auto_id=f"issue-{pk}-%s"),
                "refuse_form": refuse_form
                if refuse_for == pk and refuse_form is not None
                else RefuseForm(auto_id=f"refuse-{pk}-%s"),
                "issue_errors": issue_errors if issue_for == pk else None,
            }
        )
    return _programme_page(
        request,
        "vouchers/office/operator_orders.html",
        programme,
        {
            "rows": rows,
            "budget_left": selectors.budget_left(programme=programme),
        },
        status=status,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_orders(request: HttpRequest) -> HttpResponse:
    """Orders waiting to be issued, oldest first, with the budget left."""
    return _orders_page(request, _programme(request))


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_order_issue(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(VoucherOrder.objects.select_related("programme"), pk=order_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        return _orders_page(
            request,
            order.programme,
            issue_for=order.pk,
            issue_errors=[_("The form has expired. Reload the page and try again.")],
            status=400,
        )
    try:
        account = order_services.order_issue(
            order_id=order.pk,
            actor=actor_from_request(request),
            idempotency_key=form.key(request_user(request)),
        )
    except REFUSALS_AND_DENIALS as error:
        return _orders_page(
            request, order.programme, issue_for=order.pk, issue_errors=refusal_messages(error), status=400
        )
    messages.success(
        request,
        _("Order no. %(number)s is issued: %(vouchers)s vouchers.")
        % {"number": order.pk, "vouchers": account.vouchers_issued},
    )
    return redirect(_with_programme("vouchers:operator_orders", order.programme))


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_order_refuse(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(VoucherOrder.objects.select_related("programme"), pk=order_id)
    form = RefuseForm(request.POST, auto_id=f"refuse-{order.pk}-%s")
    done = submit(
        request,
        form,
        lambda data: order_services.order_refuse(
            order_id=order.pk, actor=actor_from_request(request), reason=data["reason"]
        ),
        success=_("Order no. %(number)s is refused.") % {"number": order.pk},
        done=_with_programme("vouchers:operator_orders", order.programme),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _orders_page(request, order.programme, refuse_for=order.pk, refuse_form=form, status=400)


# --- financial operator: settlement ------------------------------------------------------------


def _settlement_page(
    request: HttpRequest,
    programme: Programme,
    *,
    settle_form: SettleForm | None = None,
    build_form: BatchBuildForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = service_base.today()
    preview = selectors.settlement_preview(programme=programme, day=today)
    labels = _skip_labels()
    return _programme_page(
        request,
        "vouchers/office/operator_settlement.html",
        programme,
        {
            "preview": preview,
            "skipped": [(labels[reason], count) for reason, count in preview.skipped.items()],
            "receivables": selectors.receivables(programme=programme, day=today),
            "settle_form": settle_form or SettleForm(auto_id="settle-%s"),
            "build_form": build_form or BatchBuildForm(auto_id="build-%s"),
        },
        status=status,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_settlement(request: HttpRequest) -> HttpResponse:
    return _settlement_page(request, _programme(request))


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_settle(request: HttpRequest) -> HttpResponse:
    """Settle every booking that may be settled now (``settlement_services.settlement_run``)."""
    programme = _programme(request)
    form = SettleForm(request.POST, auto_id="settle-%s")
    done = submit(
        request,
        form,
        lambda data: settlement_services.settlement_run_begin(
            programme_id=programme.pk,
            actor=actor_from_request(request),
            idempotency_key=form.key(request_user(request)),
        ),
        success=None,
        done=lambda run: reverse("vouchers:operator_settlement_run", args=[run.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _settlement_page(request, programme, settle_form=form, status=400)


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_settlement_run(request: HttpRequest, run_id: int) -> HttpResponse:
    """The progress of one settlement run, which settles in the background; HTMX asks for the
    progress part every 2 seconds until the run ends, and without JavaScript the page has a link
    that loads it again."""
    run = get_object_or_404(SettlementRun.objects.select_related("programme"), pk=run_id)
    labels = _skip_labels()
    context = {
        "run": run,
        "programme": run.programme,
        # The run's own key, to send it again (a run whose worker stopped is finished by its retry).
        "resume_key": SettleForm.value_of(run.idempotency_key) if not run.finished else None,
        "stopped": run.status == SettlementRunStatus.FAILED
        or settlement_services.settlement_run_stalled(run),
        "skipped": [(labels.get(reason, reason), count) for reason, count in run.skipped.items()],
    }
    if request.headers.get("HX-Request"):
        return render(request, "vouchers/office/_settlement_progress.html", context)
    return render(request, "vouchers/office/operator_settlement_run.html", context)


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_batch_build(request: HttpRequest) -> HttpResponse:
    """A payment batch of every payable receivable, built by a background job
    (``vouchers.jobs``): the form is checked here (an execution date in the past, nothing due),
    then the person follows the job to the batch."""
    programme = _programme(request)
    form = BatchBuildForm(request.POST, auto_id="build-%s")
    if form.is_valid():
        execution_date = form.cleaned_data["execution_date"]
        built = payout_services.batch_built_under(form.key(request_user(request)))
        if built is not None:  # the form sent again: its batch
            return redirect("vouchers:operator_batch", built.pk)
        try:
            payout_services.execution_date_check(execution_date, day=service_base.today())
        except ValidationError as error:
            form_add_refusal(form, error)
        else:
            if not any(
                row.payable for row in selectors.receivables(programme=programme, day=service_base.today())
            ):
                form.add_error(None, _("Nothing is due: no provider has a receivable that can be paid now."))
            else:
                started = job_start(
                    kind=BATCH_BUILD,
                    actor=actor_from_request(request),
                    params={
                        "programme_id": programme.pk,
                        "idempotency_key": form.key(request_user(request)),
                        "execution_date": execution_date.isoformat() if execution_date else None,
                    },
                    again_url=f"{reverse('vouchers:operator_settlement')}?programme={programme.pk}",
                )
                return job_followed(request, started)
    return _settlement_page(request, programme, build_form=form, status=400)


# --- financial operator: batches ---------------------------------------------------------------


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_batches(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    return _programme_page(
        request,
        "vouchers/office/operator_batches.html",
        programme,
        {
            "batches": selectors.batches(programme=programme),
        },
    )


def _batch_or_404(batch_id: int) -> PaymentBatch:
    try:
        return selectors.batch_for_office(batch_id=batch_id)
    except PaymentBatch.DoesNotExist as error:
        raise Http404 from error


def _conflict_text(conflict: str | None) -> str | None:
    if conflict == "builder":
        return _("You built this batch, so a second person must approve it.")
    if conflict == "approved_provider":
        return _("You approved a provider in this batch, so you cannot approve its settlement.")
    return None


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch_or_404(batch_id)
    user = request_user(request)
    conflict = (
        selectors.approval_conflict(batch=batch, user_id=user.pk)
        if batch.status == BatchStatus.DRAFT
        else None
    )
    return render(
        request,
        "vouchers/office/operator_batch.html",
        {
            "batch": batch,
            "lines": selectors.batch_lines(batch=batch),
            "approval_conflict": _conflict_text(conflict),
            "can_approve": batch.status == BatchStatus.DRAFT and conflict is None,
            "can_download": batch.status in (BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.PAID),
            "can_send": batch.status == BatchStatus.APPROVED,
            # Paid when the bank's statement confirms every transfer: how far that is.
            "confirmation": statement_selectors.batch_confirmation(batch=batch),
            "can_cancel": batch.status in (BatchStatus.DRAFT, BatchStatus.APPROVED),
        },
    )


BATCH_ACTIONS = {
    "approve": (
        payout_services.batch_approve,
        gettext_noop("Batch %(reference)s is approved. Download the bank file and send it."),
    ),
    "sent": (
        payout_services.batch_mark_sent,
        gettext_noop("Batch %(reference)s is marked as sent to the bank."),
    ),
    "cancel": (
        payout_services.batch_cancel,
        gettext_noop("Batch %(reference)s is cancelled: the amounts are owed to the providers again."),
    ),
}


# The batch's actions that move money for good ask first: (question, consequence, button).
BATCH_CONFIRMATIONS = {
    "cancel": (
        gettext_noop("Cancel batch %(reference)s?"),
        gettext_noop(
            "The batch cannot be used again: %(total)s is owed to the providers again and goes into "
            "the next batch."
        ),
        gettext_noop("Yes, cancel the batch"),
    ),
}


@role_required(Role.FINANCIAL_OPERATOR)
@post_or_back(lambda request, batch_id: reverse("vouchers:operator_batch", args=[batch_id]))
def operator_batch_action(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The batch's buttons: approve (a second person), mark sent, cancel. Paid is the bank
    statement's to say (:mod:`.statements`)."""
    batch = _batch_or_404(batch_id)
    action = request.POST.get("action", "")
    if action not in BATCH_ACTIONS:
        messages.error(request, _("Choose what to do with the batch."))
        return redirect("vouchers:operator_batch", batch.pk)
    service, success = BATCH_ACTIONS[action]
    if action in BATCH_CONFIRMATIONS:
        question, consequence, label = BATCH_CONFIRMATIONS[action]
        asked = confirm_first(
            request,
            question=_(question) % {"reference": batch.reference},
            consequences=[_(consequence) % {"total": Money(batch.total).format()}],
            confirm_label=_(label),
            back=reverse("vouchers:operator_batch", args=[batch.pk]),
        )
        if asked is not None:
            return asked
    return act(
        request,
        lambda: service(batch_id=batch.pk, actor=actor_from_request(request)),
        success=_(success) % {"reference": batch.reference},
        done=reverse("vouchers:operator_batch", args=[batch.pk]),
        refusals=REFUSALS_AND_DENIALS,
    )


@role_required(Role.FINANCIAL_OPERATOR)
def operator_batch_xml(request: HttpRequest, batch_id: int) -> HttpResponseBase:
    """The pain.001 bank file, streamed; only for an approved batch (and later, for a copy)."""
    batch = _batch_or_404(batch_id)
    try:
        file = payout_services.batch_download(batch=batch, kind="xml", actor=actor_from_request(request))
    except ValidationError as error:
        flash_refusal(request, error, joined=True)
        return redirect("vouchers:operator_batch", batch.pk)
    return batch_file_response(file)


@role_required(Role.FINANCIAL_OPERATOR)
def operator_batch_csv(request: HttpRequest, batch_id: int) -> HttpResponseBase:
    batch = _batch_or_404(batch_id)
    return batch_file_response(
        payout_services.batch_download(batch=batch, kind="csv", actor=actor_from_request(request))
    )


# --- financial operator: reconciliation --------------------------------------------------------


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_reconciliation(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    result = selectors.reconciliation(programme=programme)
    labels = {
        "funded": _("Funded (the programme's budget)"),
        "issued": _("Issued to participants"),
        "available": _("Vouchers not yet used"),
        "reserved": _("Reserved by bookings"),
        "settled": _("Settled (owed to providers)"),
        "receivable": _("Receivables not yet in a batch"),
        "in_payment": _("In payment batches"),
        "paid_out": _("Paid out"),
        "expired": _("Returned by expiry"),
        "clawed_back": _("Returned by clawback"),
        "budget_left": _("Budget left"),
    }
    return _programme_page(
        request,
        "vouchers/office/operator_reconciliation.html",
        programme,
        {
            "result": result,
            "totals": [(labels[key], value) for key, value in result.totals.items()],
            "checks": [(_(c.label), c) for c in result.checks],
        },
    )
