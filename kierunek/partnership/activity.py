"""What each partner institution and each consultant did in a year: the activity record, counted
from the contexts that know it by a small registry of **activity sources** (decision 0023).

A source is a key, a label and one function that, for a period, answers how many of its units each
subject did: a subject is ``("institution", id)``, ``("person", id)`` (a consultant: a partner-staff
account) or ``("group", id)`` (a task or working group, when the bodies and groups are there). The
sources registered here are the ones that exist today: events organised and attended (the events
context), services listed in the directory and good practices published. Bodies, groups and
their products, and the newsletter's reach, register their own with
:func:`activity_source_register` (from this context's ``AppConfig.ready()``, since this context is
the one above them); the dashboard, the record pages and the recognition list read every source
registered, so a new one needs no other change. A rule that gives a source no points scores it
nothing, so registering a source never changes a list already computed.

Who counts for an institution: the partner-staff accounts the office linked to it (today's links)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kierunek.events import selectors as events
from kierunek.newsletter import selectors as newsletter

from . import domain, domain_bodies
from .models import BodyMember, DirectoryEntry, GoodPractice, InstitutionStaff, Product

INSTITUTION = "institution"
PERSON = "person"
GROUP = "group"

Subject = tuple[str, int]
Counter = Callable[[date, date], Mapping[Subject, int]]


@dataclass(frozen=True)
class ActivitySource:
    """One kind of activity: ``count(start, end)`` answers, for the days from ``start`` to ``end``
    (both included), how many units each subject did (subjects with none may be left out)."""

    key: str
    label: Promise | str
    count: Counter
    order: int = 100


ACTIVITY_SOURCES: dict[str, ActivitySource] = {}


def activity_source_register(source: ActivitySource) -> None:
    if source.key in ACTIVITY_SOURCES and ACTIVITY_SOURCES[source.key] != source:
        raise ValueError(f"Activity source {source.key!r} is registered twice.")
    ACTIVITY_SOURCES[source.key] = source


def activity_sources() -> list[ActivitySource]:
    return sorted(ACTIVITY_SOURCES.values(), key=lambda s: (s.order, s.key))


# Who may read the partnership's dashboard besides the office: a check per kind of reader. The
# council's members register theirs with the bodies (a partner-staff person who sits on the
# programme council reads it, without changing anything).
DashboardReader = Callable[[Any], bool]
DASHBOARD_READERS: list[DashboardReader] = []


def dashboard_reader_register(check: DashboardReader) -> None:
    if check not in DASHBOARD_READERS:
        DASHBOARD_READERS.append(check)


# --- the sources that exist today --------------------------------------------------------------


def _staff() -> dict[int, int]:
    """Partner-staff account → the institution it works for."""
    return dict(InstitutionStaff.objects.values_list("user_id", "institution_id"))


def _by_people(per_person: Mapping[int, int], staff: Mapping[int, int]) -> dict[Subject, int]:
    counts: dict[Subject, int] = defaultdict(int)
    for user_id, n in per_person.items():
        counts[(PERSON, user_id)] += n
        if user_id in staff:
            counts[(INSTITUTION, staff[user_id])] += n
    return dict(counts)


def _events_organised(start: date, end: date) -> dict[Subject, int]:
    staff = _staff()
    return _by_people(events.organised_counts(user_ids=staff, start=start, end=end), staff)


def _events_attended(start: date, end: date) -> dict[Subject, int]:
    staff = _staff()
    return _by_people(events.attended_counts(user_ids=staff, start=start, end=end), staff)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _services_listed(start: date, end: date) -> dict[Subject, int]:
    """Entries shown in the directory at the end of the period (or today, if sooner) that were
    added by then: for the institution, and for the consultant who added each."""
    until = _end_of(min(end, timezone.localdate()))
    entries = DirectoryEntry.objects.filter(is_active=True, created_at__lte=until)
    counts: dict[Subject, int] = {}
    for institution_id, n in (
        entries.values("institution_id").annotate(n=Count("pk")).values_list("institution_id", "n")
    ):
        counts[(INSTITUTION, institution_id)] = n
    people = entries.filter(created_by__isnull=False).values("created_by_id").annotate(n=Count("pk"))
    for user_id, n in people.values_list("created_by_id", "n"):
        counts[(PERSON, user_id)] = n
    return counts


def _practices_published(start: date, end: date) -> dict[Subject, int]:
    published = GoodPractice.objects.filter(
        Q(status=domain.PUBLISHED), published_at__gte=_start_of(start), published_at__lte=_end_of(end)
    )
    counts: dict[Subject, int] = {}
    for institution_id, n in (
        published.values("institution_id").annotate(n=Count("pk")).values_list("institution_id", "n")
    ):
        counts[(INSTITUTION, institution_id)] = n
    authored = published.filter(author__isnull=False).values("author_id").annotate(n=Count("pk"))
    for user_id, n in authored.values_list("author_id", "n"):
        counts[(PERSON, user_id)] = n
    return counts


def _products_published(start: date, end: date) -> dict[Subject, int]:
    """A group's products published in the period: for the group, and for the consultant who
    wrote each (and so their institution)."""
    published = Product.objects.filter(
        status=domain_bodies.PUBLISHED, published_at__gte=_start_of(start), published_at__lte=_end_of(end)
    )
    counts: dict[Subject, int] = {}
    for body_id, n in published.values("body_id").annotate(n=Count("pk")).values_list("body_id", "n"):
        counts[(GROUP, body_id)] = n
    per_person = dict(
        published.filter(created_by__isnull=False)
        .values("created_by_id")
        .annotate(n=Count("pk"))
        .values_list("created_by_id", "n")
    )
    counts.update(_by_people(per_person, _staff()))
    return counts


def _newsletter_reach(start: date, end: date) -> dict[Subject, int]:
    """The institution's staff who received the partnership's newsletter at the end of the period
    (or today, if sooner): one for each such person, summed for the institution."""
    staff = _staff()
    subscribed = newsletter.subscribed_users(user_ids=staff, on=_end_of(min(end, timezone.localdate())))
    return _by_people(dict.fromkeys(subscribed, 1), staff)


def council_member_reads(user: Any) -> bool:
    """A person sitting today on a council of a partnership reads its dashboard."""
    today, user_id = timezone.localdate(), getattr(user, "pk", None)
    if user_id is None:
        return False
    return (
        BodyMember.objects.filter(user_id=user_id, body__kind=domain_bodies.COUNCIL)
        .filter(joined_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .exists()
    )


def activity_sources_register() -> None:
    """Called from ``PartnershipConfig.ready()``."""
    for source in (
        ActivitySource("events_organised", _("events organised"), _events_organised, order=10),
        ActivitySource("events_attended", _("events attended"), _events_attended, order=20),
        ActivitySource("services_listed", _("services listed in the directory"), _services_listed, order=30),
        ActivitySource("practices_published", _("good practices published"), _practices_published, order=40),
        ActivitySource("products_published", _("group products published"), _products_published, order=50),
        ActivitySource("newsletter_reach", _("staff receiving the newsletter"), _newsletter_reach, order=60),
    ):
        activity_source_register(source)
    dashboard_reader_register(council_member_reads)
