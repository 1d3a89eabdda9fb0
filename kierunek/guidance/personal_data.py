"""Career guidance's part of a person's data export: the competence balance (experiences, STAR
evidence, the competence profile), the portfolio (what each item is, never the file's bytes: the
person downloads their files from the portfolio page), the development plan with its areas, and the
appointments with advisors. The advisor running the balance or the meeting is named, as the
person's own pages name them; staff who only acted on a row appear by role."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, json_value, roles_of

from .models import AdvisorSlot, Appointment, CompetenceBalance, DevelopmentPlan, PortfolioItem


def _balance(user: User) -> CompetenceBalance | None:
    return CompetenceBalance.objects.select_related("advisor").filter(participant=user).first()


def competence_balance_of(*, user: User) -> dict[str, Any] | None:
    balance = _balance(user)
    if balance is None:
        return None
    return {
        "advisor": balance.advisor.get_full_name(),
        **field_values(
            balance,
            "started_at",
            "biographical_done_at",
            "behavioural_done_at",
            "profile_done_at",
            "portfolio_done_at",
            "notes",
        ),
        "experiences": [
            field_values(e, "kind", "title", "organisation", "started_on", "ended_on", "activities")
            for e in balance.experiences.order_by("started_on", "pk")
        ],
        "star_evidence": [
            {
                **field_values(s, "experience", "situation", "task", "action", "result", "created_at"),
                "competences": sorted(c.label for c in s.competences.all()),
            }
            for s in balance.star_evidence.select_related("experience")
            .prefetch_related("competences")
            .order_by("created_at", "pk")
        ],
        "profile": [
            field_values(p, "competence", "dimension", "level", "prk_level", "evidence")
            for p in balance.profile.select_related("competence").order_by("pk")
        ],
    }


def portfolio_of(*, user: User) -> list[dict[str, Any]]:
    items = (
        PortfolioItem.objects.filter(balance__participant=user)
        .prefetch_related("competences")
        .order_by("added_at", "pk")
    )
    rows = list(items)
    roles = roles_of(i.added_by_id for i in rows)
    return [
        {
            **field_values(
                item, "kind", "title", "description", "referee_name", "referee_contact", "added_at"
            ),
            "file_name": PurePosixPath(item.file.name).name if item.file.name else None,
            "file_kind": item.file_kind,
            "competences": sorted(c.label for c in item.competences.all()),
            "added_by": actor_of(item.added_by_id, user=user, roles=roles),
        }
        for item in rows
    ]


def development_plan_of(*, user: User) -> dict[str, Any] | None:
    plan = (
        DevelopmentPlan.objects.select_related("target_occupation").filter(balance__participant=user).first()
    )
    if plan is None:
        return None
    roles = roles_of([plan.signed_by_id])
    return {
        **field_values(
            plan,
            "status",
            "target_occupation",
            "summary",
            "signed_at",
            "acknowledged_at",
            "feedback",
            "feedback_at",
        ),
        "signed_by": None
        if plan.signed_by_id is None
        else actor_of(plan.signed_by_id, user=user, roles=roles),
        "updated_at": json_value(plan.updated_at),
        "areas": [
            {
                **field_values(
                    area,
                    "title",
                    "gap",
                    "goals",
                    "package_kind",
                    "market_qualification",
                    "keywords",
                    "priority",
                ),
                "qualification": area.qualification.code if area.qualification else None,
                "categories": sorted(str(c) for c in area.categories.all()),
            }
            for area in plan.areas.select_related("qualification")
            .prefetch_related("categories")
            .order_by("priority", "pk")
        ],
    }


def appointments_of(*, user: User) -> list[dict[str, Any]]:
    appointments = list(
        Appointment.objects.filter(participant=user)
        .select_related("slot__advisor", "slot__centre")
        .order_by("slot__starts_at", "pk")
    )
    roles = roles_of(a.closed_by_id for a in appointments)
    return [
        {
            "starts_at": json_value(a.slot.starts_at),
            "ends_at": json_value(a.slot.ends_at),
            "mode": a.slot.mode,
            "centre": a.slot.centre.name if a.slot.centre is not None else None,
            "advisor": a.slot.advisor.get_full_name(),
            **field_values(a, "status", "booked_at", "closed_at", "reminder_sent_at"),
            "closed_by": None if a.closed_by_id is None else actor_of(a.closed_by_id, user=user, roles=roles),
            "moved": a.moved_to_id is not None,
        }
        for a in appointments
    ]


def guidance_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(Appointment.objects.filter(participant=user))
    rows += CompetenceBalance.objects.filter(participant=user)
    rows += DevelopmentPlan.objects.filter(balance__participant=user)
    rows += PortfolioItem.objects.filter(balance__participant=user)
    return rows


def personal_data_register() -> None:
    """Called from ``GuidanceConfig.ready()``."""
    slot = AdvisorSlot._meta
    personal_data.register(
        "competence_balance",
        title=_("Competence balance"),
        collect=competence_balance_of,
        models=[
            "guidance.CompetenceBalance",
            "guidance.Experience",
            "guidance.StarEvidence",
            "guidance.ProfileCompetence",
        ],
        labels={
            "advisor": _("Advisor"),
            "started_at": _("Started"),
            "biographical_done_at": _("Biographical interview done"),
            "behavioural_done_at": _("Behavioural interview done"),
            "profile_done_at": _("Competence profile done"),
            "portfolio_done_at": _("Portfolio done"),
            "experiences": _("Experiences"),
            "experience": _("Experience"),
            "star_evidence": _("STAR evidence"),
            "competences": _("Competences"),
            "profile": _("Competence profile"),
        },
        order=40,
    )
    personal_data.register(
        "portfolio",
        title=_("Portfolio"),
        collect=portfolio_of,
        models=["guidance.PortfolioItem"],
        labels={"file_name": _("File name"), "file_kind": _("File type"), "added_at": _("Added")},
        order=41,
    )
    personal_data.register(
        "development_plan",
        title=_("Development plan"),
        collect=development_plan_of,
        models=["guidance.DevelopmentPlan", "guidance.DevelopmentArea"],
        labels={
            "signed_at": _("Signed"),
            "signed_by": _("Signed by"),
            "acknowledged_at": _("Acknowledged by you"),
            "feedback_at": _("Feedback given"),
            "areas": _("Development areas"),
        },
        order=42,
    )
    personal_data.register(
        "appointments",
        title=_("Appointments with advisors"),
        collect=appointments_of,
        models=["guidance.Appointment"],
        labels={
            "starts_at": slot.get_field("starts_at").verbose_name,
            "ends_at": slot.get_field("ends_at").verbose_name,
            "mode": slot.get_field("mode").verbose_name,
            "centre": _("Career centre"),
            "advisor": _("Advisor"),
            "booked_at": _("Booked"),
            "closed_at": _("Cancelled or moved"),
            "closed_by": _("Cancelled or moved by"),
            "reminder_sent_at": _("Reminder sent"),
            "moved": _("Moved to another time"),
        },
        choices={"mode": {str(k): v for k, v in slot.get_field("mode").flatchoices}},
        order=45,
    )
    personal_data.register_owned_rows(guidance_rows)
    personal_data.exclude(
        "guidance.AdvisorSlot",
        reason="An advisor's published time for meetings: the advisor's calendar, not the participant's. "
        "A participant's booking of a slot is their Appointment, exported with the slot's time, "
        "place and advisor.",
    )
