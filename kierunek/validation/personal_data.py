"""Validation's part of a person's data export: as a candidate, each validation with its
self-assessment, evidence (what it is and the outcomes it shows, never the file's bytes), seats,
results per outcome set, appeal and history (staff appear by role); as an institution's staff
member, the declarations of conflict of interest they made and the commissions they sat on."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models import CommissionMember, ConflictDeclaration, Validation, ValidationStatus


def _validation(validation: Validation, user: User) -> dict[str, Any]:
    events = list(validation.events.all())
    roles = roles_of(e.actor_id for e in events)
    return {
        "qualification": f"{validation.qualification.code} {validation.qualification.name}",
        "institution": validation.institution.name,
        **field_values(
            validation,
            "status",
            "motivation",
            "applied_at",
            "result_on",
            "appeal_until",
            "appeal_text",
            "appeal_decision",
            "refusal_reason",
            "fee",
        ),
        "self_assessment": [
            {"outcome": a.outcome.code, "level": a.level, "note": a.note}
            for a in validation.self_assessments.select_related("outcome")
        ],
        "evidence": [
            {
                "title": e.title,
                "from_portfolio": e.portfolio_item_id is not None,
                "outcomes": sorted(o.code for o in e.outcomes.all()),
                "added_at": e.added_at.isoformat(),
            }
            for e in validation.evidence.prefetch_related("outcomes")
        ],
        "seats": [
            {"session": s.session.starts_at.isoformat(), "place": s.session.place}
            for s in validation.seats.select_related("session")
        ],
        "results": [
            {
                "set": r.outcome_set.code,
                **field_values(r, "theory_passed", "practical_passed", "passed", "remarks", "recorded_at"),
            }
            for r in validation.results.select_related("outcome_set")
        ],
        "history": [
            {
                "from": e.status_from,
                "to": e.status_to,
                "at": e.occurred_at.isoformat(),
                "by": actor_of(e.actor_id, user=user, roles=roles),
                "note": e.note,
            }
            for e in events
        ],
    }


def validation_of(*, user: User) -> dict[str, Any]:
    validations = Validation.objects.filter(candidate=user).select_related("qualification", "institution")
    return {
        "validations": [_validation(v, user) for v in validations.order_by("applied_at", "pk")],
        "declarations": [
            {"validation": d.validation_id, **field_values(d, "has_conflict", "statement", "declared_at")}
            for d in ConflictDeclaration.objects.filter(assessor=user).order_by("pk")
        ],
        "commissions": [
            {"session": m.session.starts_at.isoformat(), "place": m.session.place}
            for m in CommissionMember.objects.filter(assessor=user).select_related("session").order_by("pk")
        ],
    }


def validation_rows(*, user: User) -> list[Model]:
    return list(Validation.objects.filter(candidate=user))


def personal_data_register() -> None:
    """Called from ``ValidationConfig.ready()``."""
    statuses = dict(ValidationStatus.choices)
    personal_data.register(
        "validation",
        title=_("Validation of qualifications"),
        collect=validation_of,
        models=[
            "validation.Validation",
            "validation.ValidationEvent",
            "validation.SelfAssessment",
            "validation.Evidence",
            "validation.Seat",
            "validation.SetResult",
            "validation.ConflictDeclaration",
            "validation.CommissionMember",
            "validation.ExamSession",
        ],
        labels={
            "validations": _("Your validations"),
            "qualification": _("Qualification"),
            "institution": _("Certifying institution"),
            "self_assessment": _("Self-assessment"),
            "outcome": _("Learning outcome"),
            "level": _("Self-assessment"),
            "evidence": _("Evidence"),
            "from_portfolio": _("From your portfolio"),
            "outcomes": _("Learning outcomes"),
            "seats": _("Verification sessions"),
            "session": _("Session"),
            "place": _("Place"),
            "results": _("Results of outcome sets"),
            "set": _("Outcome set"),
            "declarations": _("Your declarations of conflict of interest"),
            "validation": _("Validation"),
            "commissions": _("Commissions you sat on"),
            "title": _("Title"),
            "added_at": _("Added"),
        },
        choices={"from": statuses, "to": statuses, "status": statuses},
        order=85,
    )
    personal_data.register_owned_rows(validation_rows)
