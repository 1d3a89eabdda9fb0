"""Reads of the materials library: the public search of published materials, the reviewers'
queue, a person's own uploads."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from kierunek.accounts.models import User
from kierunek.geo.domain import search_key

from .models_career import SchoolLevel
from .models_materials import Licence, Material, MaterialAudience, MaterialStatus


@dataclass(frozen=True)
class MaterialFilters:
    q: str = ""
    audience: str = ""
    level: str = ""
    grade: int | None = None
    licence: str = ""
    subject: str = ""


def materials_search(filters: MaterialFilters) -> QuerySet[Material]:
    found = Material.objects.filter(status=MaterialStatus.PUBLISHED)
    for word in search_key(f"{filters.q} {filters.subject}").split():
        found = found.filter(search_text__contains=word)
    if filters.audience in MaterialAudience.values:
        found = found.filter(audience=filters.audience)
    if filters.level in SchoolLevel.values:
        found = found.filter(level=filters.level)
    if filters.grade is not None:
        found = found.filter(grade_from__lte=filters.grade, grade_to__gte=filters.grade)
    if filters.licence in Licence.values:
        found = found.filter(licence=filters.licence)
    return found.order_by("-published_at", "-pk")


def material_public(material_id: int) -> Material:
    return Material.objects.get(pk=material_id, status=MaterialStatus.PUBLISHED)


def review_queue() -> list[Material]:
    return list(Material.objects.filter(status=MaterialStatus.SUBMITTED).order_by("created_at", "pk"))


def materials_of(*, user: User) -> list[Material]:
    return list(Material.objects.filter(uploaded_by=user).order_by("-created_at", "-pk"))
