"""The registry of what the platform holds about a person (GDPR art. 15 and 20).

Core cannot import the contexts above it, so each context registers its part here from its
``AppConfig.ready()``: a key in the export, a heading for the PDF, a contributor ``(*, user)`` that
returns JSON-ready values, and the models its rows come from. The models declared are what keeps
the export complete: :func:`models_not_covered` walks Django's app registry from the user model
along every foreign key (a row that points at the person, or at a row of theirs, is theirs too)
and names each model that no contribution covers and no exclusion explains. A test keeps that list
empty, so a new table with a person in it cannot be forgotten.

The JSON keeps machine keys and codes (art. 20: portable). The PDF is for a person to read (art.
15): :func:`contribution_lines` labels every key with the verbose name of the model field it comes
from (or a label the contribution gives) and every code with its choice label."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import audit_record
from .audit_actions import PARTICIPANT_LIST_READ
from .audit_registry import AUDIT_ACTION_LABELS

Label = str | Promise
Contributor = Callable[..., Any]
PdfLines = Callable[[Any, Callable[[Any], list[str]]], list[str]]

# Who did something, as the export says it: the person, the rules, the system, or a staff role.
# Never the staff member's name or e-mail: that is their personal data, not the participant's.
YOU = "you"
SYSTEM = "system"
RULES = "rules"

# Keys that many contributions share and that are not a model field's name.
COMMON_LABELS: dict[str, Label] = {
    "at": gettext_lazy("When"),
    "by": gettext_lazy("By whom"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "reason": gettext_lazy("Reason"),
    "history": gettext_lazy("History"),
    "code": gettext_lazy("Code"),
    "name": gettext_lazy("Name"),
    "teryt": gettext_lazy("TERYT code"),
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "created_at": gettext_lazy("Created"),
    "updated_at": gettext_lazy("Last changed"),
    "occurred_at": gettext_lazy("When"),
    "given_at": gettext_lazy("Given"),
    "withdrawn_at": gettext_lazy("Withdrawn"),
    "text_version": gettext_lazy("Version of the text"),
    "last_used_at": gettext_lazy("Last used"),
    "revoked_at": gettext_lazy("Revoked"),
    "revoked_reason": gettext_lazy("Why it was revoked"),
    "status_from": gettext_lazy("From"),
    "status_to": gettext_lazy("To"),
    "note": gettext_lazy("Note"),
}


@dataclass(frozen=True)
class Contribution:
    """One part of the export. ``models`` are ``app_label.ModelName`` strings, the first ones the
    part is about (their field names label the keys, in this order); ``labels`` name the keys
    that are not a field's name; ``choices`` give the labels of codes in such keys;
    ``pdf_lines(value, labelled)`` may write the PDF's lines itself, in sentences where the
    labelled lines (``labelled(part)``) would not read well."""

    key: str
    title: Label
    collect: Contributor
    models: tuple[str, ...]
    labels: Mapping[str, Label] = field(default_factory=dict)
    choices: Mapping[str, Mapping[str, Label]] = field(default_factory=dict)
    pdf_lines: PdfLines | None = None
    order: int = 100


_contributions: dict[str, Contribution] = {}
_exclusions: dict[str, str] = {}
_excluded_packages: dict[str, str] = {}


def register(
    key: str,
    *,
    title: Label,
    collect: Contributor,
    models: Iterable[str],
    labels: Mapping[str, Label] | None = None,
    choices: Mapping[str, Mapping[str, Label]] | None = None,
    pdf_lines: PdfLines | None = None,
    order: int = 100,
) -> None:
    """Add a part of the export under ``key``. Registering the same key twice with another
    contributor is a programming error (two contexts would overwrite each other's part)."""
    contribution = Contribution(
        key=key,
        title=title,
        collect=collect,
        models=tuple(models),
        labels=dict(labels or {}),
        choices=dict(choices or {}),
        pdf_lines=pdf_lines,
        order=order,
    )
    existing = _contributions.get(key)
    if existing is not None and existing.collect is not collect:
        raise ImproperlyConfigured(f"Two personal-data contributions under the key {key!r}.")
    _contributions[key] = contribution


def exclude(model: str, *, reason: str) -> None:
    """Declare that ``model`` (``app_label.ModelName``) holds nothing for the person's export,
    and why. The reason is read by people reviewing the registry; it must say why, not what."""
    if not reason.strip():
        raise ImproperlyConfigured(f"An exclusion from the personal-data export needs a reason: {model}.")
    _exclusions[model] = reason


def exclude_package(prefix: str, *, reason: str) -> None:
    """Declare excluded every model defined in the Python package ``prefix`` (a third-party
    package whose models depend on the plugins installed), matched when the walk runs."""
    if not reason.strip():
        raise ImproperlyConfigured(f"An exclusion from the personal-data export needs a reason: {prefix}.")
    _excluded_packages[prefix] = reason


def contributions() -> list[Contribution]:
    return sorted(_contributions.values(), key=lambda c: (c.order, c.key))


def exclusions() -> dict[str, str]:
    """Every excluded model (``app_label.ModelName``) with its reason."""
    found = dict(_exclusions)
    for model in apps.get_models():
        for prefix, reason in _excluded_packages.items():
            if model.__module__.startswith(prefix):
                found.setdefault(model._meta.label, reason)
    return found


def personal_data_collect(*, user: Any) -> dict[str, Any]:
    """Every contribution's part for ``user``, under its key, in the registry's order."""
    return {c.key: c.collect(user=user) for c in contributions()}


# --- completeness ------------------------------------------------------------------------------


def _relations_to(target: type[models.Model]) -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if (
                model_field.concrete
                and model_field.is_relation
                and (model_field.many_to_one or model_field.one_to_one or model_field.many_to_many)
                and model_field.related_model is target
            ):
                found.append((model, model_field))
    return found


def models_holding_personal_data() -> dict[str, str]:
    """Every model whose rows can belong to a person, with the relation that makes it so: the user
    model; each model with a foreign key, one-to-one or many-to-many to it; and, following the
    keys further, each model pointing at one of those that is not excluded (a booking through the
    voucher account, an attendance through the booking). An excluded model is not followed."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    excluded = exclusions()
    found = {user_model._meta.label: "the person's account"}
    frontier = [user_model]
    while frontier:
        target = frontier.pop()
        for model, model_field in _relations_to(target):
            label = model._meta.label
            if label in found:
                continue
            found[label] = f"{label}.{model_field.name} → {target._meta.label}"
            if label not in excluded:
                frontier.append(model)
    return found


def models_not_covered() -> dict[str, str]:
    """The models holding personal data that no contribution declares and no exclusion explains,
    each with the relation that reached it."""
    covered = {label for c in _contributions.values() for label in c.models}
    excluded = exclusions()
    return {
        label: why
        for label, why in models_holding_personal_data().items()
        if label not in covered and label not in excluded
    }


# --- values for contributors -------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A field's value as JSON: dates as ISO 8601, decimals as text, a related row as its name."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def field_values(instance: models.Model, *names: str) -> dict[str, Any]:
    """``{name: JSON value}`` for the named fields of ``instance``; the keys are the field names,
    so the PDF finds their verbose names and choice labels."""
    return {name: json_value(getattr(instance, name)) for name in names}


def actor_of(actor_id: int | None, *, user: Any, roles: Mapping[int, str]) -> str:
    """Who acted, for the person's eyes: ``you``, ``system`` (no actor), or the staff role."""
    if actor_id is None:
        return SYSTEM
    if actor_id == user.pk:
        return YOU
    return roles.get(actor_id, SYSTEM)


def roles_of(actor_ids: Iterable[int | None]) -> dict[int, str]:
    """The role of each of these users, in one query."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    ids = {pk for pk in actor_ids if pk is not None}
    return dict(user_model.objects.filter(pk__in=ids).values_list("pk", "role")) if ids else {}


def actor_choices() -> dict[str, Label]:
    """Labels of what :func:`actor_of` returns."""
    role_field = apps.get_model(settings.AUTH_USER_MODEL)._meta.get_field("role")
    return {
        YOU: gettext_lazy("you"),
        SYSTEM: gettext_lazy("the system"),
        RULES: gettext_lazy("the eligibility rules"),
        **{str(code): label for code, label in role_field.flatchoices},
    }


# --- the PDF's lines ---------------------------------------------------------------------------

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _model_field(contribution: Contribution, key: str) -> models.Field | None:
    for label in contribution.models:
        try:
            model_field = apps.get_model(label)._meta.get_field(key)
        except (FieldDoesNotExist, LookupError):
            continue
        if getattr(model_field, "concrete", False):
            return model_field
    return None


def display_datetime(value: str) -> str:
    """An ISO 8601 moment as a person reads it, in local time; any other text unchanged."""
    if _ISO_DATETIME.match(value):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "DATETIME_FORMAT")
    return value


class _Labeller:
    def __init__(self, contribution: Contribution) -> None:
        self.contribution = contribution
        self.missing: set[str] = set()
        self._actors: dict[str, Label] | None = None

    def actors(self) -> dict[str, Label]:
        if self._actors is None:
            self._actors = actor_choices()
        return self._actors

    def key(self, key: str) -> str:
        label = self._label(key)
        return label[:1].upper() + label[1:]

    def _label(self, key: str) -> str:
        if key in self.contribution.labels:
            return str(self.contribution.labels[key])
        model_field = _model_field(self.contribution, key)
        # A field without a verbose name gets Django's automatic one ("given at"): untranslated,
        # so a common label, when there is one, reads better.
        named = model_field is not None and str(model_field.verbose_name) != key.replace("_", " ")
        if model_field is not None and (named or key not in COMMON_LABELS):
            return str(model_field.verbose_name)
        if key in COMMON_LABELS:
            return str(COMMON_LABELS[key])
        self.missing.add(key)
        return key.replace("_", " ")

    def value(self, key: str | None, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if key is not None:
            if key in self.contribution.choices:
                return str(self.contribution.choices[key].get(str(value), value))
            model_field = _model_field(self.contribution, key)
            if model_field is not None and model_field.choices:
                return str(dict(model_field.flatchoices).get(value, value))
            user_model = apps.get_model(settings.AUTH_USER_MODEL)
            if key == "by" or (model_field is not None and model_field.related_model is user_model):
                return str(self.actors().get(str(value), value))
        return display_datetime(value) if isinstance(value, str) else str(value)

    def lines(self, value: Any, prefix: str = "", key: str | None = None) -> list[str]:
        if isinstance(value, dict):
            lines: list[str] = []
            for item_key, item in value.items():
                label = self.key(item_key)
                if isinstance(item, dict | list) and item:
                    lines += self.lines(item, f"{prefix}{label} / ", item_key)
                else:
                    lines += self.lines(item, f"{prefix}{label}", item_key)
            return lines
        if isinstance(value, list):
            if not value:
                return [f"{prefix.rstrip(' /')}: —" if prefix else "—"]
            lines = []
            for number, item in enumerate(value, start=1):
                nested = isinstance(item, dict | list)
                lines += self.lines(item, f"{prefix}{number} / " if nested else f"{prefix}{number}", key)
            return lines
        text = self.value(key, value)
        return [f"{prefix}: {text}" if prefix else text]


def contribution_lines(
    contribution: Contribution, value: Any, *, missing: set[str] | None = None
) -> list[str]:
    """A contribution's part as "Label: value" lines for the PDF, nested labels joined with " / ".
    Keys that found no label are added to ``missing`` (a test keeps it empty)."""
    labeller = _Labeller(contribution)
    if contribution.pdf_lines is not None:
        lines = contribution.pdf_lines(value, labeller.lines)
    else:
        lines = labeller.lines(value)
    if missing is not None:
        missing |= labeller.missing
    return lines


def personal_data_sections(
    data: Mapping[str, Any], *, missing: set[str] | None = None
) -> list[tuple[str, list[str]]]:
    """The PDF's sections for an export made by :func:`personal_data_collect`: a heading per
    contribution, in the registry's order."""
    return [
        (str(c.title), contribution_lines(c, data[c.key], missing=missing))
        for c in contributions()
        if c.key in data
    ]


# --- rows of the person's, for the record of activity ------------------------------------------

OwnedRows = Callable[..., Iterable[models.Model]]
_owned_rows: list[OwnedRows] = []


def register_owned_rows(collect: OwnedRows) -> None:
    """Add a function ``(*, user)`` returning rows of the person's that audit events may be
    about (an application, a booking, a balance): staff reads and changes of those rows are part of
    the person's record of activity."""
    if collect not in _owned_rows:
        _owned_rows.append(collect)


def owned_rows(*, user: Any) -> dict[str, set[str]]:
    """``{object_type: {object_id, ...}}`` of every row of the person's, as the audit log names them."""
    found: dict[str, set[str]] = {user._meta.label_lower: {str(user.pk)}}
    for collect in _owned_rows:
        for row in collect(user=user):
            found.setdefault(row._meta.label_lower, set()).add(str(row.pk))
    return found


def participants_list_read(
    *, actor: Any, participant_ids: Iterable[int | None], list_name: str, request: HttpRequest | None = None
) -> None:
    """Record that staff saw these people in a list (``list_name`` says which page). Nothing is
    written for an empty list."""
    ids = sorted({pk for pk in participant_ids if pk is not None})
    if ids:
        audit_record(
            action=PARTICIPANT_LIST_READ,
            actor=actor,
            request=request,
            details={"list": list_name, "participants": ids},
        )


def _list_reads_of(user: Any) -> list[Any]:
    """The list reads that showed ``user``. The text match narrows the rows in the database (the
    same on SQLite and PostgreSQL); the exact test is on the list of ids."""
    audit_event = apps.get_model("core", "AuditEvent")
    candidates = audit_event.objects.filter(
        action=PARTICIPANT_LIST_READ, details__participants__icontains=str(user.pk)
    )
    return [e for e in candidates if user.pk in e.details.get("participants", [])]


def audit_events_of(*, user: Any) -> list[dict[str, Any]]:
    """What the person did, and what staff did with their file: their own events, events about any
    row of theirs, and events naming them as the participant concerned. Staff appear by role only:
    who they are is the staff member's personal data, the office answers for them."""
    audit_event = apps.get_model("core", "AuditEvent")
    about_them = models.Q(actor_id=user.pk) | models.Q(details__participant=user.pk)
    for object_type, ids in owned_rows(user=user).items():
        about_them |= models.Q(object_type=object_type, object_id__in=sorted(ids))
    events = list(audit_event.objects.filter(about_them))
    events += [e for e in _list_reads_of(user) if e.actor_id != user.pk]
    events.sort(key=lambda e: (e.occurred_at, e.pk))
    roles = roles_of(e.actor_id for e in events)
    return [
        {
            "at": json_value(e.occurred_at),
            "action": e.action,
            "by": actor_of(e.actor_id, user=user, roles=roles),
            "object": e.object_type,
        }
        for e in events
    ]


def _model_names() -> dict[str, Label]:
    return {
        model._meta.label_lower: model._meta.verbose_name or model.__name__ for model in apps.get_models()
    }


def audit_events_register() -> None:
    """Core's own part: the record of activity (called from ``CoreConfig.ready()``)."""
    register(
        "audit_events",
        title=gettext_lazy("Record of activity"),
        collect=audit_events_of,
        models=["core.AuditEvent"],
        labels={"at": gettext_lazy("When"), "action": gettext_lazy("What"), "object": gettext_lazy("About")},
        choices={"action": AUDIT_ACTION_LABELS, "object": _model_names()},
        order=900,
    )
    exclude(
        "admin.LogEntry",
        reason="The Django admin's own log of staff edits; participants have no admin access, "
        "and every change a participant's file undergoes is in the audit log, exported.",
    )
    exclude(
        "core.BackgroundJob",
        reason="Long work a staff member started at work (a payment batch, the search index); only staff "
        "roles may start a job, and what it did is in the audit log of the objects it touched.",
    )
    # Every django-otp plugin's devices (TOTP apps, backup codes), whichever the settings install.
    exclude_package(
        "django_otp.",
        reason="A staff member's second factor (an authenticator's secret key or backup codes); "
        "participants have none, and a secret must never leave the server.",
    )
