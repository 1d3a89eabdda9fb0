"""The provider's own service cards: list, create, edit, publish, cancel, complete, import, export."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS, act
from kierunek.core.permissions import role_required
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from .. import bur, import_jobs, importexport, services
from ..forms import CancelForm, ImportForm, ServiceCardForm, SessionFormSet, card_input_from
from ..models import ImportJob, ImportJobStatus, ServiceCard

IMPORT_MAX_BYTES = importexport.MAX_FILE_BYTES


def _provider(request: HttpRequest) -> Provider:
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def _own_card(request: HttpRequest, card_id: int) -> ServiceCard:
    return get_object_or_404(
        ServiceCard.objects.select_related("provider", "category"),
        pk=card_id,
        provider=_provider(request),
        staged_in__isnull=True,
    )


def _apply_errors(form: ServiceCardForm, sessions: Any, error: ValidationError) -> None:
    """A service's refusal on the form: each message next to its field, the sessions' above them,
    the rest at the top of the form."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, errors in by_field.items():
        if field == "sessions":
            sessions._non_form_errors = sessions.error_class([*sessions.non_form_errors(), *errors])
        else:
            form.add_error(field if field in form.fields else None, errors)


@role_required(Role.PROVIDER_STAFF)
def card_list(request: HttpRequest) -> HttpResponse:
    provider = _provider(request)
    cards = (
        provider.service_cards.filter(staged_in__isnull=True)
        .select_related("category", "gmina")
        .order_by("-starts_on", "-pk")
    )
    return render(request, "catalogue/provider/list.html", {"provider": provider, "cards": cards})


@role_required(Role.PROVIDER_STAFF)
def card_create(request: HttpRequest) -> HttpResponse:
    provider = _provider(request)
    form = ServiceCardForm(request.POST or None)
    sessions = SessionFormSet(request.POST or None, prefix="sessions")
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        try:
            card = services.card_create(
                provider=provider, data=card_input_from(form, sessions), actor=actor_from_request(request)
            )
        except ValidationError as error:
            _apply_errors(form, sessions, error)
        else:
            messages.success(request, _("The service is saved as a draft. Publish it when it is ready."))
            return redirect("catalogue:provider_card_edit", card_id=card.pk)
    return render(
        request, "catalogue/provider/form.html", {"provider": provider, "form": form, "sessions": sessions}
    )


@role_required(Role.PROVIDER_STAFF)
def card_edit(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _own_card(request, card_id)
    if request.method == "POST":
        form = ServiceCardForm(request.POST)
        sessions = SessionFormSet(request.POST, prefix="sessions")
        if form.is_valid() and sessions.is_valid():
            try:
                services.card_update(
                    card=card, data=card_input_from(form, sessions), actor=actor_from_request(request)
                )
            except ValidationError as error:
                _apply_errors(form, sessions, error)
            else:
                messages.success(request, _("The changes are saved."))
                return redirect("catalogue:provider_card_edit", card_id=card.pk)
    else:
        form = ServiceCardForm(initial=ServiceCardForm.initial_from(card))
        sessions = SessionFormSet(
            prefix="sessions",
            initial=[
                {"date": s.date, "start_time": s.start_time, "end_time": s.end_time, "place": s.place}
                for s in card.sessions.all()
            ],
        )
    return render(
        request,
        "catalogue/provider/form.html",
        {
            "provider": card.provider,
            "card": card,
            "form": form,
            "sessions": sessions,
            "cancel_form": CancelForm(),
            "revisions": card.revisions.select_related("changed_by")[:20],
        },
    )


def _card_action(request: HttpRequest, card_id: int, action: Any, success: str) -> HttpResponse:
    card = _own_card(request, card_id)
    return act(
        request,
        lambda: action(card),
        success=success,
        done=reverse("catalogue:provider_card_edit", kwargs={"card_id": card.pk}),
        refusals=REFUSALS_AND_DENIALS,
        joined=True,
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def card_publish(request: HttpRequest, card_id: int) -> HttpResponse:
    return _card_action(
        request,
        card_id,
        lambda card: services.card_publish(
            card=card, actor=actor_from_request(request), today=timezone.localdate()
        ),
        _("The service is published in the catalogue."),
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def card_cancel(request: HttpRequest, card_id: int) -> HttpResponse:
    reason = CancelForm(request.POST).data.get("reason", "")
    return _card_action(
        request,
        card_id,
        lambda card: services.card_cancel(card=card, actor=actor_from_request(request), reason=reason),
        _("The service is cancelled."),
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def card_complete(request: HttpRequest, card_id: int) -> HttpResponse:
    return _card_action(
        request,
        card_id,
        lambda card: services.card_complete(
            card=card, actor=actor_from_request(request), today=timezone.localdate()
        ),
        _("The service is marked as completed."),
    )


@role_required(Role.PROVIDER_STAFF)
def card_import(request: HttpRequest) -> HttpResponse:
    """A readable file is kept and checked in the background; the job's page shows the progress."""
    provider = _provider(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[importexport.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is too large. The limit is 5 MB."))
        else:
            content = upload.read()
            layout = form.cleaned_data["layout"]
            try:
                # A file that cannot be read at all is explained at once; reading takes no lock.
                importexport.read_file(
                    content=content,
                    filename=upload.name,
                    layout=importexport.Layout(layout) if layout else None,
                )
            except importexport.ImportRefused as refused:
                errors = refused.errors
            else:
                job = import_jobs.import_job_create(
                    provider=provider,
                    actor=actor_from_request(request),
                    content=content,
                    filename=upload.name,
                )
                return redirect("catalogue:provider_card_import_job", job_id=job.pk)
    jobs = provider.import_jobs.only("pk", "filename", "status", "created_at", "cards_created")[:5]
    return render(
        request,
        "catalogue/provider/import.html",
        {"provider": provider, "form": form, "errors": errors, "jobs": jobs},
    )


@role_required(Role.PROVIDER_STAFF)
def card_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress of one import; HTMX asks for the progress part every 2 seconds until the job
    ends, and without JavaScript the page has a link that loads it again."""
    provider = _provider(request)
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=job_id, provider=provider)
    context = {"provider": provider, "job": job, "statuses": ImportJobStatus}
    if request.headers.get("HX-Request"):
        return render(request, "catalogue/provider/_import_progress.html", context)
    return render(request, "catalogue/provider/import_job.html", context)


@role_required(Role.PROVIDER_STAFF)
def card_import_example(request: HttpRequest) -> HttpResponse:
    """An example file in BUR's layout, dated to be importable today."""
    _provider(request)
    response = HttpResponse(
        bur.example_file(today=timezone.localdate()), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="przyklad-bur.json"'
    return response


@role_required(Role.PROVIDER_STAFF)
def card_export_bur(request: HttpRequest) -> HttpResponse:
    """The provider's cards in BUR's layout, which the import reads back."""
    provider = _provider(request)
    response = HttpResponse(
        importexport.cards_export_bur(provider=provider), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="uslugi-bur-{provider.nip}.json"'
    return response


@role_required(Role.PROVIDER_STAFF)
def card_export(request: HttpRequest, file_format: str) -> HttpResponse:
    provider = _provider(request)
    if file_format == "json":
        response = HttpResponse(
            importexport.cards_export_json(provider=provider), content_type="application/json"
        )
    else:
        response = HttpResponse(
            importexport.cards_export_csv(provider=provider), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="uslugi-{provider.nip}.{file_format}"'
    return response
