"""Reads of own contributions: the participant's own, and the operator's lists by what is to be
done with them (awaiting the payment, paid, lapsed, to be paid back)."""

from __future__ import annotations

from django.db.models import QuerySet

from kierunek.accounts.models import User
from kierunek.programmes.models import Programme

from ..models import ENDED_ORDERS, Contribution, ContributionStatus

C = ContributionStatus

# The operator's views of the list: name -> (label id, filter).
VIEWS = ("due", "paid", "lapsed", "to_refund", "refunded")


def contribution_of_participant(*, participant: User, order_id: int) -> Contribution:
    """The participant's own contribution of their order ``order_id``; anybody else's does not
    exist for them (``Contribution.DoesNotExist``)."""
    return Contribution.objects.select_related("order__package", "programme").get(
        order_id=order_id, participant=participant
    )


def contributions_due_of(*, participant: User) -> list[Contribution]:
    """The participant's contributions waiting for their payment, the nearest deadline first."""
    return list(
        Contribution.objects.filter(participant=participant, status=C.DUE)
        .select_related("order__package")
        .order_by("due_on", "pk")
    )


def contributions_for_operator(*, programme: Programme, view: str) -> QuerySet[Contribution]:
    """One view of the programme's contributions, the oldest deadline or order first."""
    found = Contribution.objects.filter(programme=programme).select_related("participant", "order__package")
    if view == "due":
        found = found.filter(status=C.DUE).order_by("due_on", "pk")
    elif view == "paid":
        found = found.filter(status=C.PAID).order_by("-paid_on", "-pk")
    elif view == "lapsed":
        found = found.filter(status=C.LAPSED).order_by("-due_on", "-pk")
    elif view == "to_refund":
        found = found.filter(status__in=[C.PAID, C.PAID_LATE], order__status__in=ENDED_ORDERS).order_by("pk")
    elif view == "refunded":
        found = found.filter(status=C.REFUNDED).order_by("-refunded_at", "-pk")
    else:
        raise ValueError(f"Unknown view of contributions: {view}")
    return found


def contribution_counts(*, programme: Programme | None = None) -> dict[str, int]:
    """How many contributions each view of the operator's list holds."""
    counts = {}
    for view in VIEWS:
        if programme is None:
            counts[view] = sum(
                contributions_for_operator(programme=p, view=view).count()
                for p in Programme.objects.filter(pk__in=Contribution.objects.values("programme_id"))
            )
        else:
            counts[view] = contributions_for_operator(programme=programme, view=view).count()
    return counts
