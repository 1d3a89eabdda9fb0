"""Own contributions: the participant's page of one order's contribution (the amount, the account,
the transfer title, the deadline and the transfer's QR code), and the financial operator's lists
(awaiting, paid, lapsed, to be paid back) with "received" and "paid back". Thin, as the other
pages: the role by ``role_required``, the object by the selectors (another person's is 404), the
change by a service, a money action confirmed first."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from stdnum import iban as stdnum_iban

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, confirm_first, form_add_refusal, post_or_back
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.programmes.models import Programme

from ..forms.office import ContributionReceivedForm
from ..models import Contribution
from ..selectors import contributions as selectors
from ..selectors import office as office_selectors
from ..services import base as service_base
from ..services import contributions as services
from ..transfer_qr import zbp_payload, zbp_qr_svg
from .office import _programme


def transfer_details(contribution: Contribution) -> dict[str, Any]:
    """What the participant copies into a transfer, and its QR code when the standard carries it."""
    payload = zbp_payload(
        iban=contribution.account_iban,
        amount=contribution.amount,
        recipient=contribution.account_holder,
        title=contribution.transfer_title,
    )
    return {
        "iban": stdnum_iban.format(contribution.account_iban) if contribution.account_iban else "",
        "qr": zbp_qr_svg(payload, title=_("QR code of the transfer for your bank's app"))
        if payload
        else None,
    }


@never_cache
@role_required(Role.PARTICIPANT)
def participant_contribution(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        contribution = selectors.contribution_of_participant(
            participant=request_user(request), order_id=order_id
        )
    except Contribution.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "vouchers/participant/contribution.html",
        {"contribution": contribution, "today": service_base.today(), **transfer_details(contribution)},
    )


# --- financial operator -------------------------------------------------------------------------


def _list_url(programme_id: int, view: str) -> str:
    return f"{reverse('vouchers:operator_contributions')}?programme={programme_id}&view={view}"


def _contributions_page(
    request: HttpRequest,
    programme: Programme,
    view: str,
    *,
    form_for: int | None = None,
    form: ContributionReceivedForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = list(selectors.contributions_for_operator(programme=programme, view=view))
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[row.participant_id for row in rows],
        list_name="vouchers.operator_contributions",
    )
    views = {
        "due": _("Awaiting payment"),
        "paid": _("Paid in"),
        "lapsed": _("Lapsed"),
        "to_refund": _("To pay back"),
        "refunded": _("Paid back"),
    }
    counts = selectors.contribution_counts(programme=programme)
    return render(
        request,
        "vouchers/office/operator_contributions.html",
        {
            "programme": programme,
            "programmes": office_selectors.programmes(),
            "view": view,
            "view_label": views[view],
            "views": [(key, label, counts[key]) for key, label in views.items()],
            "rows": [
                {
                    "contribution": row,
                    "form": form
                    if form_for == row.pk and form is not None
                    else ContributionReceivedForm(
                        auto_id=f"received-{row.pk}-%s",
                        initial={"amount": row.amount_money.to_decimal(), "booked_on": service_base.today()},
                    ),
                }
                for row in rows
            ],
        },
        status=status,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_contributions(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "due")
    if view not in selectors.VIEWS:
        view = "due"
    return _contributions_page(request, _programme(request), view)


@role_required(Role.FINANCIAL_OPERATOR)
@post_or_back(lambda request, contribution_id: reverse("vouchers:operator_contributions"))
def operator_contribution_received(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution.objects.select_related("participant"), pk=contribution_id)
    view = request.POST.get("view", "due")
    view = view if view in selectors.VIEWS else "due"
    form = ContributionReceivedForm(request.POST, auto_id=f"received-{contribution.pk}-%s")
    programme = contribution.programme
    if not form.is_valid():
        return _contributions_page(request, programme, view, form_for=contribution.pk, form=form, status=400)
    asked = confirm_first(
        request,
        question=_("Record the payment of contribution %(title)s?") % {"title": contribution.transfer_title},
        consequences=[
            _("The contribution counts as paid and the order can be issued."),
            _("One bank entry pays one contribution: it cannot be recorded for another one."),
        ],
        confirm_label=_("Record the payment"),
        back=_list_url(programme.pk, view),
        shown={
            "amount": _("Amount received (zł)"),
            "booked_on": _("Booked by the bank on"),
            "bank_reference": _("Bank reference of the entry"),
        },
    )
    if asked is not None:
        return asked
    try:
        services.contribution_payment_record(
            actor=actor_from_request(request),
            contribution=contribution,
            amount=form.grosze(),
            booked_on=form.cleaned_data["booked_on"],
            bank_reference=form.cleaned_data["bank_reference"],
        )
    except REFUSALS_AND_DENIALS as error:
        form_add_refusal(form, error)
        return _contributions_page(request, programme, view, form_for=contribution.pk, form=form, status=400)
    messages.success(
        request,
        _("The payment of contribution %(title)s is recorded.") % {"title": contribution.transfer_title},
    )
    return redirect(_list_url(programme.pk, view))


@role_required(Role.FINANCIAL_OPERATOR)
@post_or_back(lambda request, contribution_id: reverse("vouchers:operator_contributions") + "?view=to_refund")
def operator_contribution_refund(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution, pk=contribution_id)
    back = _list_url(contribution.programme_id, "to_refund")
    asked = confirm_first(
        request,
        question=_("Record that contribution %(title)s was paid back?")
        % {"title": contribution.transfer_title},
        consequences=[
            _("Do this once the transfer of %(amount)s back to the payer has been sent.")
            % {"amount": contribution.amount_money.format()},
        ],
        confirm_label=_("Record the refund"),
        back=back,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.contribution_refund(
            actor=actor_from_request(request), contribution_id=contribution.pk
        ),
        success=_("The refund of contribution %(title)s is recorded.")
        % {"title": contribution.transfer_title},
        done=back,
        refusals=REFUSALS_AND_DENIALS,
    )
