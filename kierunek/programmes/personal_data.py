"""A participant's request for their data (GDPR art. 15 and 20): everything the platform holds
about them, as JSON and as PDF.

Each context contributes its part through the registry in :mod:`kierunek.core.personal_data`,
from its ``AppConfig.ready()``; this module registers the programmes' part (consents for the
programme, applications with their history) and turns the whole into the two downloads. The full
PESEL appears only in these downloads, which only the person themself can ask for; the audit
record of the export says that it happened, never what was in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role, User
from kierunek.core import personal_data
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_DATA_EXPORTED
from kierunek.core.pdf import render_pdf
from kierunek.core.permissions import require_role
from kierunek.core.personal_data import RULES, actor_of, field_values, json_value, roles_of

from .explain import education_label, explain_reasons
from .models import Application, ApplicationStatus, AttachmentKind, EducationLevel, ProgrammeConsent

EXPORT_FORMAT_VERSION = 2


def _gmina(gmina: Any) -> dict[str, str] | None:
    return {"teryt": gmina.teryt, "name": gmina.name} if gmina is not None else None


def applications_of(*, user: User) -> list[dict[str, Any]]:
    applications = list(
        Application.objects.filter(participant=user)
        .select_related("programme", "residence_gmina", "work_gmina", "rule_version")
        .prefetch_related("events", "attachments")
        .order_by("created_at", "pk")
    )
    roles = roles_of(e.actor_id for a in applications for e in a.events.all())
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
                "created_at": json_value(application.created_at),
                "submitted_at": json_value(application.submitted_at),
                "decided_at": json_value(application.decided_at),
                "rule_applied": None
                if version is None
                else {
                    "rule": version.key,
                    "valid_from": json_value(version.valid_from),
                    "decision": version.decision_ref,
                },
                "reasons": application.decision_reasons,
                "attachments": [
                    field_values(attachment, "kind", "original_name", "file_kind", "uploaded_at")
                    for attachment in application.attachments.all()
                ],
                "history": [
                    {
                        "at": json_value(event.occurred_at),
                        "from": event.status_from,
                        "to": event.status_to,
                        # No actor: the eligibility rules decided on submission.
                        "by": RULES
                        if event.actor_id is None
                        else actor_of(event.actor_id, user=user, roles=roles),
                        "reason": event.note,
                    }
                    for event in application.events.all()
                ],
            }
        )
    return rows


def programme_consents_of(*, user: User) -> list[dict[str, Any]]:
    return [
        {"programme": c.programme.code, **field_values(c, "kind", "text_version", "given_at", "withdrawn_at")}
        for c in ProgrammeConsent.objects.filter(user=user)
        .select_related("programme")
        .order_by("given_at", "pk")
    ]


def application_rows(*, user: User) -> list[Application]:
    return list(Application.objects.filter(participant=user))


def _application_pdf_lines(applications: Any, labelled: Callable[[Any], list[str]]) -> list[str]:
    """Each application told in sentences first (programme, status, education, the decision's
    reasons in words), then its other facts labelled."""
    lines: list[str] = []
    for number, application in enumerate(applications, start=1):
        lines += [
            _("Application %(number)s") % {"number": number},
            _("Programme: %(name)s") % {"name": application["programme"]["name"]},
            _("Status: %(status)s") % {"status": ApplicationStatus(application["status"]).label},
            _("Education: %(level)s")
            % {"level": education_label(application["education_level_isced"]) or "—"},
        ]
        lines += [
            f"{r.rule_label} ({r.outcome_label}): {r.text}" for r in explain_reasons(application["reasons"])
        ]
        lines += labelled(
            {
                k: v
                for k, v in application.items()
                if k not in ("reasons", "programme", "status", "education_level_isced")
            }
        )
    return lines or [_("No application.")]


def personal_data_register() -> None:
    """Called from ``ProgrammesConfig.ready()``."""
    statuses = dict(ApplicationStatus.choices)
    personal_data.register(
        "programme_consents",
        title=gettext_lazy("Consents for the programme"),
        collect=programme_consents_of,
        models=["programmes.ProgrammeConsent"],
        labels={"programme": gettext_lazy("Programme")},
        order=20,
    )
    personal_data.register(
        "applications",
        title=gettext_lazy("Applications"),
        collect=applications_of,
        models=["programmes.Application", "programmes.ApplicationEvent", "programmes.ApplicationAttachment"],
        labels={
            "education_level_isced": gettext_lazy("Education level"),
            "rule_applied": gettext_lazy("Eligibility rule applied"),
            "rule": gettext_lazy("Rule"),
            "valid_from": gettext_lazy("In force from"),
            "decision": gettext_lazy("Decision"),
            "reasons": gettext_lazy("Reasons of the decision"),
            "attachments": gettext_lazy("Documents attached"),
            "original_name": gettext_lazy("File name"),
            "file_kind": gettext_lazy("File type"),
            "uploaded_at": gettext_lazy("Uploaded"),
        },
        choices={
            "from": statuses,
            "to": statuses,
            "education_level_isced": {str(k): v for k, v in EducationLevel.choices},
            "kind": dict(AttachmentKind.choices),
        },
        pdf_lines=_application_pdf_lines,
        order=30,
    )
    personal_data.register_owned_rows(application_rows)
    for view in ("programmes.NewestApplication", "programmes.StandingApplication"):
        personal_data.exclude(
            view, reason="a view of the database over the person's applications, which are exported"
        )


def participant_data(*, user: User) -> dict[str, Any]:
    """Everything held about ``user``, JSON-ready: each registered part under its key."""
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": json_value(timezone.now()),
        **personal_data.personal_data_collect(user=user),
    }


def participant_data_export(*, user: User, file_format: str, actor: Actor | None = None) -> bytes:
    """The person's own data as ``json`` or ``pdf`` bytes; records that an export happened
    (``actor``: the person, and the address they asked from)."""
    require_role(user, Role.PARTICIPANT)
    if file_format not in ("json", "pdf"):
        raise ValueError("file_format is json or pdf.")
    with transaction.atomic():
        audit_record(
            action=PARTICIPANT_DATA_EXPORTED,
            actor=actor if actor is not None else Actor.of(user),
            details={"format": file_format},
        )
        data = participant_data(user=user)
    if file_format == "json":
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
    return participant_data_pdf(data)


def participant_data_pdf(data: dict[str, Any]) -> bytes:
    """The export for a person to read: every key labelled, every code in words."""
    account = data["account"]
    profile = account.get("profile") or {}
    meta = {
        _("Name"): f"{account['first_name']} {account['last_name']}".strip(),
        _("E-mail address"): account["email"],
        _("PESEL number"): profile.get("pesel") or "—",
        _("Date of birth"): profile.get("birth_date") or "—",
        _("Exported"): personal_data.display_datetime(data["exported_at"]),
    }
    return render_pdf(
        title=_("Your data in Kierunek"), sections=personal_data.personal_data_sections(data), meta=meta
    )
