"""The audit log as the administrator reads it: filters (who, what action, from and to which day,
which object) on a GET form, the events newest first a page at a time, and every action and object
type by its human label (the registry's labels, the models' names) in the reader's language."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .audit_registry import AUDIT_ACTION_LABELS, registered_audit_actions
from .forms import PlainTextForm
from .models import AuditEvent

PAGE_SIZE = 50


def action_label(name: str) -> str:
    """An action's label (its name where it has none)."""
    label = AUDIT_ACTION_LABELS.get(name)
    return capfirst(str(label)) if label else name


# Models whose own name has no Polish translation (third-party apps) or a wrong one (a msgid the
# project gives another meaning: Django's "session" is not a training session)
UNTRANSLATED_OBJECT_TYPES = {
    "otp_totp.totpdevice": _("TOTP device (authenticator app)"),
    "otp_static.staticdevice": _("backup codes (one-time codes)"),
    "otp_static.statictoken": _("backup code (one-time code)"),
    "axes.accessfailurelog": _("failed sign-in"),
    "axes.accessattemptexpiration": _("sign-in lock expiry"),
    "admin.logentry": _("Django admin log entry"),
    "sessions.session": _("sign-in session"),
    "django_tasks_database.dbtaskresult": _("background task result"),
    "complaints.complaintevent": _("complaint history entry"),
}


def object_type_labels() -> dict[str, str]:
    """``app.model`` (as the log stores it) -> the model's name in the reader's language."""
    labels = {m._meta.label_lower: capfirst(str(m._meta.verbose_name)) for m in apps.get_models()}
    return labels | {name: capfirst(str(label)) for name, label in UNTRANSLATED_OBJECT_TYPES.items()}


def _action_choices() -> list[tuple[str, Any]]:
    labelled = [(name, action_label(name)) for name in registered_audit_actions()]
    return [("", _("any action")), *sorted(labelled, key=lambda c: c[1].casefold())]


def _object_type_choices() -> list[tuple[str, Any]]:
    logged = set(AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True).distinct())
    labels = object_type_labels()
    choices = [(t, labels.get(t, t)) for t in logged]
    return [("", _("any object")), *sorted(choices, key=lambda c: c[1].casefold())]


class AuditLogFilterForm(PlainTextForm):
    who = forms.CharField(
        label=_("Who"), required=False, max_length=254, help_text=_("The e-mail address, or a part of it.")
    )
    action = forms.ChoiceField(label=_("What happened"), required=False)
    date_from = forms.DateField(
        label=_("From (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object number"), required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = _action_choices()  # type: ignore[attr-defined]
        self.fields["object_type"].choices = _object_type_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day cannot be before the first."))
        return data


def audit_events_filtered(data: dict[str, Any]) -> QuerySet[AuditEvent]:
    """The events that match the filter's cleaned ``data`` (empty filters match everything)."""
    events = AuditEvent.objects.all()
    if data.get("who"):
        events = events.filter(actor_label__icontains=data["who"].strip())
    if data.get("action"):
        events = events.filter(action=data["action"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        events = events.filter(occurred_at__gte=datetime.combine(data["date_from"], time.min, tzinfo=zone))
    if data.get("date_to"):
        events = events.filter(occurred_at__lte=datetime.combine(data["date_to"], time.max, tzinfo=zone))
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("object_id"):
        events = events.filter(object_id=data["object_id"].strip())
    return events


def audit_log_page(query: Any) -> tuple[AuditLogFilterForm, Page[AuditEvent], str]:
    """The filter form bound to the GET ``query``, the page of events it asks for, and the query
    without the page number (for the links to other pages, so the filters are kept). An invalid
    filter shows its errors and the unfiltered log."""
    form = AuditLogFilterForm(query)
    data = form.cleaned_data if form.is_valid() else {}
    paginator = Paginator(audit_events_filtered(data), PAGE_SIZE)
    page = paginator.get_page(query.get("page"))
    kept = query.copy()
    kept.pop("page", None)
    return form, page, kept.urlencode()
