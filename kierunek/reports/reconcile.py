"""The indicators reconciled with their sources: each check computes a figure as the reports do
(through the registered indicator, over all time) and again straight from the source records by
another path, and names any difference. ``manage.py reports_reconcile`` runs them and exits 1 on a
difference; the tests plant one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone

from kierunek.core.indicators import TOTAL, Figure, Period, indicator_get
from kierunek.events.models import Attendance, Registration
from kierunek.programmes.models import Application
from kierunek.vouchers.models import AccountKind, Posting, TransactionKind


@dataclass(frozen=True)
class Difference:
    check: str
    indicator: int
    source: int


def _all_time() -> Period:
    return Period(date(2000, 1, 1), timezone.localdate())


def _total(key: str) -> int:
    return indicator_get(key).compute(_all_time(), None).get(TOTAL, Figure(0, 0)).value


def _ledger(kind: str, account: str) -> int:
    return (
        Posting.objects.filter(transaction__kind=kind, account__kind=account, amount__gt=0).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )


def _attendees() -> int:
    checked_in = Registration.objects.filter(attendance=Attendance.PRESENT)
    return checked_in.aggregate(people=Count("person", distinct=True))["people"] or 0


def _applicants() -> int:
    return (
        Application.objects.filter(submitted_at__isnull=False).aggregate(
            people=Count("participant", distinct=True)
        )["people"]
        or 0
    )


CHECKS: list[tuple[str, str, Callable[[], int]]] = [
    (
        "value of the vouchers issued = the ledger's issues into participants' vouchers",
        "vouchers.value_issued",
        lambda: _ledger(TransactionKind.ISSUE, AccountKind.VOUCHERS),
    ),
    (
        "money settled = the ledger's settlements into providers' receivables",
        "vouchers.settled",
        lambda: _ledger(TransactionKind.SETTLE, AccountKind.RECEIVABLE),
    ),
    (
        "people who attended events = the distinct people checked in at the events' doors",
        "events.attended",
        _attendees,
    ),
    (
        "participants who applied = the distinct applicants of the applications",
        "programmes.applied",
        _applicants,
    ),
]


def reconcile() -> list[Difference]:
    """Every check whose two figures differ."""
    differences = []
    for name, key, source in CHECKS:
        mine, theirs = _total(key), source()
        if mine != theirs:
            differences.append(Difference(name, mine, theirs))
    return differences
