"""The Metropolis' part of a person's data export: where they work at schools and in what
function. The Metropolis, its gminas and its schools are about institutions, not people."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import SchoolStaff


def education_of(*, user: User) -> dict[str, Any]:
    posts = SchoolStaff.objects.filter(user=user).select_related("school").order_by("since", "pk")
    return {
        "school_posts": [
            {**field_values(p, "function", "subjects", "since", "until"), "school": p.school.name}
            for p in posts
        ]
    }


def education_rows(*, user: User) -> list[Model]:
    return list(SchoolStaff.objects.filter(user=user))


def personal_data_register() -> None:
    """Called from ``EducationConfig.ready()``."""
    personal_data.register(
        "education",
        title=_("Schools"),
        collect=education_of,
        models=["education.SchoolStaff"],
        labels={"school_posts": _("Work at schools")},
        order=90,
    )
    personal_data.register_owned_rows(education_rows)
