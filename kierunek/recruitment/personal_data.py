"""The recruitment's part of a person's data export: a candidate's applications with their
guardians, results, ranked classes, placements and appeals; a school's staff member's seats on
recruitment committees. The PESEL is exported masked, as on every page."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values
from kierunek.core.pii import mask_pesel

from .models import Appeal, Application, CommitteeMember, Guardian, Placement, Preference


def recruitment_of(*, user: User) -> dict[str, Any]:
    applications = (
        Application.objects.filter(candidate=user)
        .select_related("year")
        .prefetch_related(
            "guardians", "preferences__school_class__school", "placements__school_class", "appeals"
        )
        .order_by("pk")
    )
    return {
        "applications": [
            {
                "year": str(a.year),
                **field_values(
                    a,
                    "first_name",
                    "last_name",
                    "status",
                    "exam_polish",
                    "exam_maths",
                    "exam_language",
                    "grades",
                    "distinction",
                    "contests",
                    "volunteering",
                    "laureate",
                    "health",
                    "large_family",
                    "disabled_candidate",
                    "disabled_parent",
                    "disabled_parents",
                    "disabled_sibling",
                    "single_parent",
                    "foster_care",
                    "submitted_at",
                ),
                "pesel": mask_pesel(a.pesel) if a.pesel else "",
                "guardians": [
                    field_values(g, "first_name", "last_name", "email", "phone") for g in a.guardians.all()
                ],
                "preferences": [
                    {"round": p.round, "rank": p.rank, "class": str(p.school_class)}
                    for p in a.preferences.all()
                ],
                "placements": [
                    {
                        **field_values(p, "round", "status", "points", "confirmed_at"),
                        "class": str(p.school_class or ""),
                    }
                    for p in a.placements.all()
                ],
                "appeals": [
                    {
                        **field_values(
                            x, "status", "requested_on", "justification", "appealed_on", "decision"
                        ),
                        "class": str(x.school_class),
                    }
                    for x in a.appeals.all()
                ],
            }
            for a in applications
        ],
        "committees": [
            {"year": str(m.year), "school": m.staff.school.name, "chair": m.chair}
            for m in CommitteeMember.objects.filter(staff__user=user).select_related("year", "staff__school")
        ],
    }


def recruitment_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(Application.objects.filter(candidate=user))
    rows += list(Guardian.objects.filter(application__candidate=user))
    rows += list(Preference.objects.filter(application__candidate=user))
    rows += list(Placement.objects.filter(application__candidate=user))
    rows += list(Appeal.objects.filter(application__candidate=user))
    rows += list(CommitteeMember.objects.filter(staff__user=user))
    return rows


def personal_data_register() -> None:
    """Called from ``RecruitmentConfig.ready()``."""
    personal_data.register(
        "recruitment",
        title=_("Recruitment to upper-secondary schools"),
        collect=recruitment_of,
        models=[
            "recruitment.Application",
            "recruitment.Guardian",
            "recruitment.Preference",
            "recruitment.Placement",
            "recruitment.Appeal",
            "recruitment.CommitteeMember",
        ],
        labels={"applications": _("Applications"), "committees": _("Recruitment committees")},
        order=95,
    )
    personal_data.register_owned_rows(recruitment_rows)
