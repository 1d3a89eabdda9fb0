"""Reads of the partnership, scoped by role and object: the public directory and library (only
what partners in a partnership offer, only published practices), a partner's own institution and
its entries and practices, and the office's lists and counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kierunek.core.collation import polish_key, polish_sorted

from . import domain
from .models import (
    DirectoryEntry,
    GoodPractice,
    Institution,
    InstitutionStaff,
    Membership,
    Partnership,
    PracticeTag,
)
from .search import matching, query_groups, ranked

PAGE_LIMIT = 200  # the most results a search shows (the API's and the page's)


def partnerships() -> list[Partnership]:
    return list(Partnership.objects.order_by("pk"))


def _is_partner() -> Exists:
    return Exists(Membership.objects.filter(institution=OuterRef("pk"), status=domain.MEMBER))


def partner_institutions() -> QuerySet[Institution]:
    """Institutions that are members of a partnership now: only they are in the public pages."""
    return Institution.objects.filter(_is_partner()).select_related("powiat", "gmina")


def public_institution(*, slug: str) -> Institution:
    """Raises ``Institution.DoesNotExist`` for an institution that is not a partner."""
    return partner_institutions().get(slug=slug)


def memberships_of(*, institution: Institution) -> list[Membership]:
    return list(institution.memberships.select_related("partnership").order_by("partnership_id", "-pk"))


# --- the directory ------------------------------------------------------------------------------


def _public_entries() -> QuerySet[DirectoryEntry]:
    return DirectoryEntry.objects.filter(
        is_active=True, institution__in=partner_institutions().values("pk")
    ).select_related("institution", "institution__powiat", "institution__gmina", "gmina", "gmina__powiat")


AUDIENCE_FIELDS = {
    domain.RESIDENTS: "for_residents",
    domain.EMPLOYERS: "for_employers",
    domain.PARTNERS: "for_partners",
}


def directory_search(
    *, q: str = "", audience: str = "", powiat: str = "", kind: str = ""
) -> list[DirectoryEntry]:
    """Entries of partner institutions for a need (``q``, Polish analyser: any inflection, with or
    without diacritics), for an audience, in a powiat (TERYT) and of a kind; those with the words
    in their name first, then in Polish order. Without a query: every entry, in Polish order."""
    entries = _public_entries()
    if audience in AUDIENCE_FIELDS:
        entries = entries.filter(**{AUDIENCE_FIELDS[audience]: True})
    if powiat:
        entries = entries.filter(gmina__powiat__teryt=powiat)
    if kind:
        entries = entries.filter(kind=kind)
    groups = query_groups(q) if q.strip() else []
    if q.strip() and not groups:
        return []
    if groups:
        entries = entries.filter(matching(groups))
    found = list(entries[: PAGE_LIMIT * 5])
    return ranked(found, groups, "title")[:PAGE_LIMIT]  # type: ignore[return-value]


def public_entry(*, entry_id: int) -> DirectoryEntry:
    return _public_entries().get(pk=entry_id)


def public_entries_of(*, institution: Institution) -> list[DirectoryEntry]:
    return polish_sorted(_public_entries().filter(institution=institution), key=lambda e: e.title)


def hsds_entries() -> list[DirectoryEntry]:
    return list(_public_entries().order_by("institution_id", "pk"))


# --- partner staff -------------------------------------------------------------------------------


def institution_of_staff(*, user: Any) -> Institution | None:
    """The institution a partner-staff account works for, or None when the office has not linked it."""
    if getattr(user, "pk", None) is None:
        return None
    link = InstitutionStaff.objects.select_related("institution").filter(user_id=user.pk).first()
    return link.institution if link is not None else None


def is_institution_staff(*, user: Any, institution_id: int) -> bool:
    pk = getattr(user, "pk", None)
    return (
        pk is not None and InstitutionStaff.objects.filter(user_id=pk, institution_id=institution_id).exists()
    )


def staff_of(*, institution: Institution) -> list[Any]:
    links = institution.staff.select_related("user")
    return polish_sorted([link.user for link in links], key=lambda u: (u.last_name, u.first_name))


def entries_of(*, institution: Institution) -> list[DirectoryEntry]:
    return polish_sorted(institution.entries.select_related("gmina"), key=lambda e: e.title)


def entry_of(*, institution: Institution, entry_id: int) -> DirectoryEntry:
    """Raises ``DirectoryEntry.DoesNotExist`` for an entry of another institution."""
    return institution.entries.select_related("gmina").get(pk=entry_id)


def entries_to_check(*, institution: Institution) -> list[DirectoryEntry]:
    today = timezone.localdate()
    return [
        entry
        for entry in entries_of(institution=institution)
        if entry.is_active and domain.check_due(checked_on=entry.checked_on, today=today)
    ]


def practices_of(*, institution: Institution) -> QuerySet[GoodPractice]:
    return institution.practices.prefetch_related("tags").order_by("-updated_at", "-pk")


def practice_of(*, institution: Institution, practice_id: int) -> GoodPractice:
    return institution.practices.prefetch_related("tags", "attachments").get(pk=practice_id)


# --- good practices: the public library ------------------------------------------------------------


def _published() -> QuerySet[GoodPractice]:
    return (
        GoodPractice.objects.filter(status=domain.PUBLISHED)
        .select_related("institution")
        .prefetch_related("tags")
    )


def library_search(*, q: str = "", tag: str = "") -> list[GoodPractice]:
    practices = _published()
    if tag:
        practices = practices.filter(tags__slug=tag)
    groups = query_groups(q) if q.strip() else []
    if q.strip() and not groups:
        return []
    if groups:
        practices = practices.filter(matching(groups))
        return ranked(practices[: PAGE_LIMIT * 5], groups, "title")[:PAGE_LIMIT]  # type: ignore[return-value]
    return list(practices.order_by("-published_at", "-pk")[:PAGE_LIMIT])


def published_practice(*, practice_id: int) -> GoodPractice:
    return _published().prefetch_related("attachments").get(pk=practice_id)


def published_practices_of(*, institution: Institution) -> list[GoodPractice]:
    return list(_published().filter(institution=institution).order_by("-published_at", "-pk"))


def tags_in_use() -> list[PracticeTag]:
    tags = (
        PracticeTag.objects.filter(practices__status=domain.PUBLISHED)
        .annotate(n=Count("practices"))
        .distinct()
    )
    return polish_sorted(tags, key=lambda t: t.name)


def all_tags() -> list[PracticeTag]:
    return polish_sorted(PracticeTag.objects.all(), key=lambda t: t.name)


# --- the office ------------------------------------------------------------------------------------


def institutions_for_officer(*, q: str = "") -> list[Institution]:
    institutions = Institution.objects.select_related("powiat").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("partnership").order_by("pk"))
    )
    if q.strip():
        groups = query_groups(q)
        institutions = institutions.filter(matching(groups)) if groups else institutions.none()
    return sorted(institutions, key=lambda i: polish_key(i.name))


def institution_for_officer(*, institution_id: int) -> Institution:
    return Institution.objects.select_related("powiat", "gmina").get(pk=institution_id)


def review_queue() -> QuerySet[GoodPractice]:
    return (
        GoodPractice.objects.filter(status=domain.SUBMITTED)
        .select_related("institution")
        .order_by("submitted_at", "pk")
    )


def practice_for_officer(*, practice_id: int) -> GoodPractice:
    return (
        GoodPractice.objects.select_related("institution")
        .prefetch_related("tags", "attachments", "events")
        .get(pk=practice_id)
    )


def officer_counts() -> dict[str, int]:
    return {
        "to_review": GoodPractice.objects.filter(status=domain.SUBMITTED).count(),
        "applied": Membership.objects.filter(status=domain.APPLIED).count(),
    }


def membership_for_officer(*, membership_id: int) -> Membership:
    return Membership.objects.select_related("institution", "partnership").get(pk=membership_id)


def open_membership_partnerships(*, institution: Institution) -> set[int]:
    return set(
        institution.memberships.filter(status__in=domain.OPEN_MEMBERSHIP).values_list(
            "partnership_id", flat=True
        )
    )


def partner_counts(*, institution: Institution) -> dict[str, Any]:
    practices = institution.practices.values("status").annotate(n=Count("pk"))
    by_status = {row["status"]: row["n"] for row in practices}
    return {
        "entries": institution.entries.filter(is_active=True).count(),
        "returned": by_status.get(domain.RETURNED, 0),
        "submitted": by_status.get(domain.SUBMITTED, 0),
        "published": by_status.get(domain.PUBLISHED, 0),
        "memberships": list(
            institution.memberships.filter(Q(status__in=domain.OPEN_MEMBERSHIP)).select_related("partnership")
        ),
    }
