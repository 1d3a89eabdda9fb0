"""A participant's request for their data (GDPR art. 15 and 20): everything the platform holds
about them, as JSON and as PDF.

The accounts and programmes parts are gathered here. Any other context adds its part by having a
module ``<app>.personal_data`` with a function ``personal_data_of(*, user) -> dict`` (JSON-ready
values); its result appears under the app's label. The full PESEL appears only in these downloads,
which only the person themself can ask for; the audit record of the export says that it happened,
never what was in it."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.core.pdf import render_pdf
from kierunek.core.permissions import require_role

from .explain import education_label, explain_reasons
from .models import Application, ApplicationEvent, ProgrammeConsent

EXPORT_FORMAT_VERSION = 1
OWN_APPS = {"accounts", "programmes"}


def _dt(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _gmina(gmina: Any) -> dict[str, str] | None:
    return {"teryt": gmina.teryt, "name": gmina.name} if gmina is not None else None


def _account(user: User) -> dict[str, Any]:
    profile = ParticipantProfile.objects.filter(user=user).first()
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "date_joined": _dt(user.date_joined),
        "last_login": _dt(user.last_login),
        "profile": None
        if profile is None
        else {
            "pesel": profile.pesel,
            "birth_date": _dt(profile.birth_date),
            "sex": profile.sex,
            "created_at": _dt(profile.created_at),
        },
        "consents": [
            {
                "kind": c.kind,
                "text_version": c.text_version,
                "given_at": _dt(c.given_at),
                "withdrawn_at": _dt(c.withdrawn_at),
            }
            for c in user.consents.order_by("given_at", "pk")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "created_at": _dt(t.created_at),
                "last_used_at": _dt(t.last_used_at),
                "revoked_at": _dt(t.revoked_at),
            }
            for t in user.api_tokens.order_by("created_at", "pk")
        ],
    }


def _event(event: ApplicationEvent, user: User) -> dict[str, Any]:
    if event.actor_id is None:
        by = "rules"
    elif event.actor_id == user.pk:
        by = "you"
    else:
        by = event.actor.role if event.actor is not None else "staff"
    return {
        "at": _dt(event.occurred_at),
        "from": event.status_from,
        "to": event.status_to,
        "by": by,
        "reason": event.note,
    }


def _applications(user: User) -> list[dict[str, Any]]:
    applications = (
        Application.objects.filter(participant=user)
        .select_related("programme", "residence_gmina", "work_gmina", "rule_version")
        .prefetch_related("events__actor")
        .order_by("created_at", "pk")
    )
    rows = []
    for application in applications:
        version = application.rule_version
        rows.append(
            {
                "programme": {"code": application.programme.code, "name": application.programme.name},
                "status": application.status,
                "residence_gmina": _gmina(application.residence_gmina),
                "lives_outside_region": application.lives_outside_region,
                "work_gmina": _gmina(application.work_gmina),
                "works_outside_region": application.works_outside_region,
                "studies_in_region": application.studies_in_region,
                "education_level_isced": application.education_level,
                "employment_status": application.employment_status,
                "employment_form": application.employment_form,
                "created_at": _dt(application.created_at),
                "submitted_at": _dt(application.submitted_at),
                "decided_at": _dt(application.decided_at),
                "rule_applied": None
                if version is None
                else {
                    "rule": version.key,
                    "valid_from": _dt(version.valid_from),
                    "decision": version.decision_ref,
                },
                "reasons": application.decision_reasons,
                "history": [_event(event, user) for event in application.events.all()],
            }
        )
    return rows


def _programme_consents(user: User) -> list[dict[str, Any]]:
    return [
        {
            "programme": c.programme.code,
            "kind": c.kind,
            "text_version": c.text_version,
            "given_at": _dt(c.given_at),
            "withdrawn_at": _dt(c.withdrawn_at),
        }
        for c in ProgrammeConsent.objects.filter(user=user)
        .select_related("programme")
        .order_by("given_at", "pk")
    ]


def _audit_events(user: User) -> list[dict[str, Any]]:
    """What the person did, and who else read or changed their file: their own events, and events
    about their profile and applications (staff reads included, by role, not by name)."""
    owned = [("accounts.participantprofile", str(p.pk)) for p in ParticipantProfile.objects.filter(user=user)]
    owned += [("programmes.application", str(a.pk)) for a in Application.objects.filter(participant=user)]
    events = list(AuditEvent.objects.filter(actor_id=user.pk))
    for object_type, object_id in owned:
        events += list(
            AuditEvent.objects.filter(object_type=object_type, object_id=object_id).exclude(actor_id=user.pk)
        )
    actors = {u.pk: u.role for u in User.objects.filter(pk__in={e.actor_id for e in events if e.actor_id})}
    events.sort(key=lambda e: (e.occurred_at, e.pk))
    return [
        {
            "at": _dt(e.occurred_at),
            "action": e.action,
            "by": "you" if e.actor_id == user.pk else actors.get(e.actor_id or 0, "system"),
            "object": e.object_type,
        }
        for e in events
    ]


def _other_contexts(user: User) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("kierunek.") or config.label in OWN_APPS:
            continue
        try:
            module = import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError:
            continue
        collect = getattr(module, "personal_data_of", None)
        if collect is not None:
            parts[config.label] = collect(user=user)
    return parts


def participant_data(*, user: User) -> dict[str, Any]:
    """Everything held about ``user``, JSON-ready."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _dt(timezone.now()),
        "account": _account(user),
        "programme_consents": _programme_consents(user),
        "applications": _applications(user),
        "audit_events": _audit_events(user),
        **_other_contexts(user),
    }


def participant_data_export(*, user: User, file_format: str, request: HttpRequest | None = None) -> bytes:
    """The person's own data as ``json`` or ``pdf`` bytes; records that an export happened."""
    require_role(user, Role.PARTICIPANT)
    if file_format not in ("json", "pdf"):
        raise ValueError("file_format is json or pdf.")
    with transaction.atomic():
        audit_record(
            action="participant.data_exported", actor=user, request=request, details={"format": file_format}
        )
        data = participant_data(user=user)
    if file_format == "json":
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
    return _pdf(data)


def _lines(value: Any, prefix: str = "") -> list[str]:
    """A JSON-ready value as "key: value" lines, nested keys joined with " / "."""
    if isinstance(value, dict):
        lines: list[str] = []
        for key, item in value.items():
            lines += _lines(item, f"{prefix}{key} / " if isinstance(item, (dict, list)) else f"{prefix}{key}")
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{prefix.rstrip(' /')}: —"]
        lines = []
        for number, item in enumerate(value, start=1):
            lines += _lines(
                item, f"{prefix}{number} / " if isinstance(item, (dict, list)) else f"{prefix}{number}"
            )
        return lines
    text = "—" if value is None or value == "" else str(value)
    return [f"{prefix}: {text}"]


def _pdf(data: dict[str, Any]) -> bytes:
    account = data["account"]
    profile = account.get("profile") or {}
    meta = {
        _("Name"): f"{account['first_name']} {account['last_name']}".strip(),
        _("E-mail address"): account["email"],
        _("PESEL number"): profile.get("pesel") or "—",
        _("Date of birth"): profile.get("birth_date") or "—",
        _("Exported"): data["exported_at"],
    }
    sections: list[tuple[str, list[str]]] = [
        (_("Account"), _lines({k: v for k, v in account.items() if k != "profile"}))
    ]
    for number, application in enumerate(data["applications"], start=1):
        paragraphs = [
            _("Programme: %(name)s") % {"name": application["programme"]["name"]},
            _("Status: %(status)s") % {"status": application["status"]},
            _("Education: %(level)s")
            % {"level": education_label(application["education_level_isced"]) or "—"},
        ]
        paragraphs += [
            f"{r.rule_label} ({r.outcome_label}): {r.text}" for r in explain_reasons(application["reasons"])
        ]
        paragraphs += _lines({k: v for k, v in application.items() if k not in ("reasons", "programme")})
        sections.append((_("Application %(number)s") % {"number": number}, paragraphs))
    sections.append((_("Consents for the programme"), _lines(data["programme_consents"])))
    sections.append((_("Record of activity"), _lines(data["audit_events"])))
    for key, value in data.items():
        if key not in {
            "format_version",
            "exported_at",
            "account",
            "programme_consents",
            "applications",
            "audit_events",
        }:
            sections.append((key, _lines(value)))
    return render_pdf(title=_("Your data in Kierunek"), sections=sections, meta=meta)
