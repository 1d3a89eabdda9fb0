"""Reads of the Metropolis and its schools."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import GminaStaff, User
from kierunek.core.collation import polish_sorted
from kierunek.geo.models import Gmina

from .models import Metropolis, School, SchoolFunction, SchoolStaff


def metropolis_main() -> Metropolis | None:
    """The association the site serves (the first one; the project runs one Metropolis)."""
    return Metropolis.objects.order_by("pk").first()


def member_gminas(*, metropolis: Metropolis, on: date | None = None) -> list[Gmina]:
    """The gminas that were members on the day (today by default), in Polish order."""
    day = on or timezone.localdate()
    gminas = (
        Gmina.objects.filter(
            metropolis_memberships__metropolis=metropolis,
            metropolis_memberships__joined_on__lte=day,
        )
        .filter(Q(metropolis_memberships__left_on__isnull=True) | Q(metropolis_memberships__left_on__gte=day))
        .select_related("powiat")
        .distinct()
    )
    return polish_sorted(gminas, key=lambda g: g.name)


def is_member(*, gmina: Gmina, on: date | None = None) -> bool:
    day = on or timezone.localdate()
    return (
        gmina.metropolis_memberships.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .exists()
    )


def schools_in(*, gmina: Gmina) -> list[School]:
    return polish_sorted(School.objects.filter(gmina=gmina, is_active=True), key=lambda s: s.name)


def current_posts(*, user: User) -> QuerySet[SchoolStaff]:
    """The person's current work at schools, with the schools."""
    return SchoolStaff.objects.filter(user=user, until__isnull=True).select_related("school__gmina")


def schools_of(*, user: User, function: str | None = None) -> list[School]:
    """The schools where the person works now (in one function, if given)."""
    posts = current_posts(user=user)
    if function is not None:
        posts = posts.filter(function=function)
    return polish_sorted({p.school for p in posts}, key=lambda s: s.name)


def directed_schools(*, user: User) -> list[School]:
    """The schools the person directs (director or deputy)."""
    posts = current_posts(user=user).filter(
        function__in=[SchoolFunction.DIRECTOR, SchoolFunction.DEPUTY_DIRECTOR]
    )
    return polish_sorted({p.school for p in posts}, key=lambda s: s.name)


def school_directors(*, school: School) -> list[User]:
    """The people who direct the school now (director or deputy): those who book for it."""
    posts = SchoolStaff.objects.filter(
        school=school,
        until__isnull=True,
        function__in=[SchoolFunction.DIRECTOR, SchoolFunction.DEPUTY_DIRECTOR],
    ).select_related("user")
    return [p.user for p in posts.order_by("pk")]


def gmina_of_staff(*, user: User) -> Gmina | None:
    """The gmina a gmina-staff person works for."""
    link = GminaStaff.objects.filter(user=user).select_related("gmina__powiat").first()
    return link.gmina if link else None
