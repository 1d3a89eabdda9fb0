"""The financial operator's bank statement pages: uploading a statement (camt.053 or MT940), the
statements with their entries, the queue of entries the matching left (resolve or ignore each),
and the reconciliation of the ledger with the bank (page and CSV).

Thin: each view checks the role (``role_required``) and finds its object (404 otherwise), calls one
service through ``core.pages``, and shows the service's refusal on the page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.audit import audit_record
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, confirm_first, form_add_refusal, submit
from kierunek.core.permissions import role_required

from ..audit_actions import VOUCHERS_STATEMENT_REPORT_DOWNLOADED
from ..bank_reports import bank_reconciliation_csv
from ..forms.statements import EntryIgnoreForm, EntryResolveForm, StatementUploadForm
from ..models import BankStatement, StatementEntry
from ..selectors import office as office_selectors
from ..selectors import statements as selectors
from ..services import statements as services
from .office import _programme


def _nav_context(request: HttpRequest) -> dict[str, object]:
    """The operator's navigation needs a programme to link its per-programme pages."""
    programme = office_selectors.programme_for_office(programme_id=None)
    return {"programme": programme, "programmes": []}


def _uploaded_message(result: services.StatementUploaded) -> str:
    if not result.created:
        return _("Statement %(id)s was uploaded before: nothing changed.") % {
            "id": result.statement.statement_id
        }
    text = _("Statement %(id)s is read: %(matched)s entries matched, %(waiting)s to resolve.") % {
        "id": result.statement.statement_id,
        "matched": result.matched,
        "waiting": result.unmatched,
    }
    if result.batches_paid:
        text += " " + _("Paid now: %(batches)s.") % {"batches": ", ".join(result.batches_paid)}
    return text


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_statements(request: HttpRequest) -> HttpResponse:
    """The statements uploaded, newest first, and the upload form (the file is read, stored and
    matched at once: a statement is at most 5 MB)."""
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            content = form.read()
            if content is not None:
                try:
                    result = services.statement_upload(
                        actor=actor_from_request(request),
                        content=content,
                        filename=form.cleaned_data["file"].name,
                    )
                except REFUSALS_AND_DENIALS as error:
                    if isinstance(error, ValidationError):
                        form_add_refusal(form, error)
                    else:
                        form.add_error(None, str(error) or _("Your role cannot do this."))
                else:
                    messages.success(request, _uploaded_message(result))
                    return redirect("vouchers:operator_statement", result.statement.pk)
        status = 400
    return render(
        request,
        "vouchers/office/operator_statements.html",
        {
            **_nav_context(request),
            "form": form,
            "statements": selectors.statements()[:100],
            "waiting": selectors.entries_to_resolve_count(),
        },
        status=status,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_statement(request: HttpRequest, statement_id: int) -> HttpResponse:
    try:
        statement = selectors.statement_for_office(statement_id=statement_id)
    except BankStatement.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "vouchers/office/operator_statement.html",
        {
            **_nav_context(request),
            "statement": statement,
            "entries": selectors.statement_entries(statement=statement),
        },
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_statement_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "vouchers/office/operator_statement_queue.html",
        {**_nav_context(request), "entries": selectors.entries_to_resolve()[:500]},
    )


def _entry_or_404(entry_id: int) -> StatementEntry:
    try:
        return selectors.entry_for_office(entry_id=entry_id)
    except StatementEntry.DoesNotExist as error:
        raise Http404 from error


def _entry_page(
    request: HttpRequest,
    entry: StatementEntry,
    *,
    resolve_form: EntryResolveForm | None = None,
    ignore_form: EntryIgnoreForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "vouchers/office/operator_statement_entry.html",
        {
            **_nav_context(request),
            "entry": entry,
            "resolve_form": resolve_form or EntryResolveForm(auto_id="resolve-%s"),
            "ignore_form": ignore_form or EntryIgnoreForm(auto_id="ignore-%s"),
        },
        status=status,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_statement_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_page(request, _entry_or_404(entry_id))


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_statement_entry_resolve(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Resolve an entry by hand; asks first, since a transfer confirmed may make its batch paid."""
    entry = _entry_or_404(entry_id)
    form = EntryResolveForm(request.POST, auto_id="resolve-%s")
    if form.is_valid():
        asked = confirm_first(
            request,
            question=_("Resolve this entry of the bank by hand?"),
            consequences=[
                _(
                    "The entry counts as the bank's confirmation of what you name: a payment batch whose"
                    " every transfer is then confirmed becomes paid for good."
                )
            ],
            confirm_label=_("Yes, resolve the entry"),
            back=reverse("vouchers:operator_statement_entry", args=[entry.pk]),
            shown={
                "end_to_end_id": _("Reference of the transfer"),
                "other": _("Or what else it is"),
                "note": _("Note"),
            },
        )
        if asked is not None:
            return asked
    done = submit(
        request,
        form,
        lambda data: services.statement_entry_resolve(
            entry_id=entry.pk,
            actor=actor_from_request(request),
            note=data["note"],
            end_to_end_id=data["end_to_end_id"],
            other=data["other"],
        ),
        success=_("The entry is resolved."),
        done=reverse("vouchers:operator_statement_queue"),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _entry_page(request, entry, resolve_form=form, status=400)


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_statement_entry_ignore(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(entry_id)
    form = EntryIgnoreForm(request.POST, auto_id="ignore-%s")
    done = submit(
        request,
        form,
        lambda data: services.statement_entry_ignore(
            entry_id=entry.pk, actor=actor_from_request(request), reason=data["reason"]
        ),
        success=_("The entry is ignored."),
        done=reverse("vouchers:operator_statement_queue"),
        refusals=REFUSALS_AND_DENIALS,
    )
    return done or _entry_page(request, entry, ignore_form=form, status=400)


@role_required(Role.FINANCIAL_OPERATOR)
@require_POST
def operator_statement_rematch(request: HttpRequest) -> HttpResponse:
    return act(
        request,
        lambda: services.statement_entries_rematch(actor=actor_from_request(request)),
        success=lambda count: _("Entries matched now: %(count)s.") % {"count": count},
        done=reverse("vouchers:operator_statement_queue"),
        refusals=REFUSALS_AND_DENIALS,
    )


@never_cache
@role_required(Role.FINANCIAL_OPERATOR)
def operator_bank_reconciliation(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    result = selectors.bank_reconciliation(programme=programme)
    if request.GET.get("format") == "csv":
        audit_record(
            action=VOUCHERS_STATEMENT_REPORT_DOWNLOADED, actor=actor_from_request(request), obj=programme
        )
        response = HttpResponse(bank_reconciliation_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="uzgodnienie-bank-{programme.pk}.csv"'
        return response
    return render(
        request,
        "vouchers/office/operator_bank_reconciliation.html",
        {"programme": programme, "programmes": office_selectors.programmes(), "result": result},
    )
