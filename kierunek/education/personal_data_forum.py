"""The Forum Edukacji and the diagnosis in a person's data export: their membership of the Forum
and the comments they sent on standards (with the coordinator's answers). Their answers to the
needs survey are anonymous (the survey engine exports that they took part)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models_forum import ForumMember, StandardComment


def forum_of(*, user: User) -> dict[str, Any]:
    members = ForumMember.objects.filter(user=user).select_related("metropolis").order_by("joined_on", "pk")
    comments = (
        StandardComment.objects.filter(author=user)
        .select_related("version__standard")
        .order_by("created_at", "pk")
    )
    return {
        "forum_memberships": [
            {**field_values(m, "kind", "organisation", "joined_on"), "metropolis": m.metropolis.name}
            for m in members
        ],
        "standard_comments": [
            {
                **field_values(c, "section", "text", "created_at", "answer", "answered_at"),
                "standard": str(c.version),
            }
            for c in comments
        ],
    }


def forum_rows(*, user: User) -> list[Model]:
    return [*ForumMember.objects.filter(user=user), *StandardComment.objects.filter(author=user)]


def forum_personal_data_register() -> None:
    """Called from ``EducationConfig.ready()``."""
    personal_data.register(
        "education_forum",
        title=_("Forum Edukacji"),
        collect=forum_of,
        models=["education.ForumMember", "education.StandardComment"],
        labels={
            "forum_memberships": _("Membership of the Forum Edukacji"),
            "standard_comments": _("Comments on standards"),
        },
        order=91,
    )
    personal_data.register_owned_rows(forum_rows)
    personal_data.exclude(
        "education.StandardVersion",
        reason="the Forum's document; who wrote the draft is the coordinator, staff",
    )
    personal_data.exclude(
        "education.CoursePlan",
        reason="the centre's plan of courses; who saved a line is staff acting for the centre",
    )
