"""Settlement: completed bookings that the participant confirmed and evaluated (or whose
confirmation deadline closed with an outcome that may be settled without them) become their
provider's receivable, provider by provider, in short transactions (a run may be finished by a
background task, and finished again after its worker died)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.jobs import stalled_after
from kierunek.core.permissions import require_role
from kierunek.providers.models import Provider

from .. import domain, ledger
from ..audit_actions import (
    VOUCHERS_SETTLEMENT_FAILED,
    VOUCHERS_SETTLEMENT_FINISHED,
    VOUCHERS_SETTLEMENT_STARTED,
)
from ..ledger import Leg
from ..models import Booking, PayoutFreeze, SettlementRun, SettlementRunStatus, TransactionKind
from ..workflows import BOOKING
from .base import (
    OPERATOR_ROLES,
    _key_required,
    _lock_programme,
    frozen_provider_ids,
    held_provider_ids,
    today,
)


@dataclass(frozen=True)
class SettlementResult:
    settled: int
    amount: int
    providers: int
    skipped: dict[str, int]


# Bookings selected or updated by id at a time: under SQLite's limit of bound parameters.
CHUNK = 5000


def settlement_run(
    *,
    programme_id: int,
    actor: Actor,
    idempotency_key: str,
    booking_ids: Iterable[int] | None = None,
    on: date | None = None,
) -> SettlementResult:
    """Settle what may be settled, here and now (commands, tests, the benchmark): the run's record
    (``settlement_run_start``) and its providers one after another (``settlement_run_finish``).
    The operator's page and the API run the second half as a background task instead."""
    run = settlement_run_start(programme_id=programme_id, actor=actor, idempotency_key=idempotency_key)
    return settlement_result(settlement_run_finish(run_id=run.pk, booking_ids=booking_ids, on=on))


def settlement_result(run: SettlementRun) -> SettlementResult:
    return SettlementResult(
        settled=run.settled, amount=run.amount, providers=run.providers, skipped=dict(run.skipped)
    )


def settlement_run_start(*, programme_id: int, actor: Actor, idempotency_key: str) -> SettlementRun:
    """The run's record under its key, "running" and empty, in one short transaction; the same key
    again returns the same run (finished, or to be finished by ``settlement_run_finish``)."""
    require_role(actor.user, *OPERATOR_ROLES)
    _key_required(idempotency_key)
    with transaction.atomic():
        _lock_programme(programme_id)
        run = SettlementRun.objects.filter(idempotency_key=idempotency_key).first()
        if run is not None:
            if run.programme_id != programme_id:
                raise ValidationError(_("This request key was already used for another operation."))
            return run
        run = SettlementRun.objects.create(
            programme_id=programme_id, idempotency_key=idempotency_key, run_by=actor.user
        )
        audit_record(
            action=VOUCHERS_SETTLEMENT_STARTED,
            actor=actor,
            obj=run,
            details={"programme": programme_id},
        )
    return run


def settlement_run_begin(*, programme_id: int, actor: Actor, idempotency_key: str) -> SettlementRun:
    """The run's record now, and its settlement as a background task once the record is committed
    (the operator's page and the API). The same key again returns the same run and, if it is not
    finished (still running, or its worker died), enqueues it again: finishing is idempotent, so
    a second worker on the same run settles nothing twice."""
    from ..tasks import settle  # here: the task module imports this one

    with transaction.atomic():
        run = settlement_run_start(programme_id=programme_id, actor=actor, idempotency_key=idempotency_key)
        if not run.finished:
            # Continued (it failed, or its worker stopped): running again, from now.
            SettlementRun.objects.filter(pk=run.pk).update(  # progress, not a workflow
                status=SettlementRunStatus.RUNNING, failure="", moved_at=timezone.now()
            )
            run.refresh_from_db()
            run_id = run.pk
            transaction.on_commit(lambda: settle.enqueue(run_id=run_id))
    return run


def settlement_run_failed(*, run_id: int, error: BaseException) -> None:
    """Record that a run's worker stopped on an error: the providers settled before it stay
    settled (each entirely), the page says so and offers to continue the run."""
    message = " ".join(error.messages) if isinstance(error, ValidationError) else ""
    SettlementRun.objects.filter(
        pk=run_id, status=SettlementRunStatus.RUNNING
    ).update(  # progress, not a workflow
        status=SettlementRunStatus.FAILED,
        failure=message[:500] or error.__class__.__name__,
        moved_at=timezone.now(),
    )
    run = SettlementRun.objects.get(pk=run_id)
    audit_record(
        action=VOUCHERS_SETTLEMENT_FAILED,
        actor=run.run_by,
        obj=run,
        details={"programme": run.programme_id, "settled": run.settled, "error": run.failure},
    )


def settlement_run_stalled(run: SettlementRun, *, now: datetime | None = None) -> bool:
    """A running run that has not moved for longer than settling a group of providers ever takes:
    its worker stopped (killed, restarted) or none is running."""
    return (
        run.status == SettlementRunStatus.RUNNING and run.moved_at < (now or timezone.now()) - stalled_after()
    )


def settlement_runs_sweep(*, now: datetime | None = None) -> int:
    """Fail the runs whose worker stopped, so that their page says so (run by vouchers_daily and
    the jobs sweep's schedule). Returns how many."""
    now = now or timezone.now()
    stalled = SettlementRun.objects.filter(
        status=SettlementRunStatus.RUNNING, moved_at__lt=now - stalled_after()
    ).values_list("pk", flat=True)
    count = 0
    for run_id in list(stalled):
        settlement_run_failed(run_id=run_id, error=ValidationError(_("Its worker stopped before the end.")))
        count += 1
    return count


def settlement_run_finish(
    *, run_id: int, booking_ids: Iterable[int] | None = None, on: date | None = None
) -> SettlementRun:
    """Settle the run's programme provider by provider, in short transactions that each hold whole
    providers and at most about KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION bookings (a larger
    provider alone), so a run over 100 000 bookings never holds the database for long.

    What may be settled: completed bookings that the participant confirmed and evaluated, or whose
    confirmation deadline closed with a settleable outcome (``domain.SETTLEABLE_OUTCOMES``), of
    providers whose payouts are neither frozen nor on hold; each provider's become its receivable
    (a posting per booking). Why this stays all-or-nothing in effect: each provider's settlement
    is complete and balanced on its own (one ledger transaction under ``{key}:{provider}``, its
    bookings marked settled and the run's counters grown in that same database transaction), so a
    provider is either settled entirely or not at all; a run that stops half-way (a worker that
    died) leaves some providers settled and the others untouched, and its retry with the same key
    settles the rest and counts each provider once. Two runs with different keys never settle a
    booking twice: each database transaction takes the programme's lock (PostgreSQL: its row;
    SQLite: BEGIN IMMEDIATE) and re-selects, locked, the bookings still completed."""
    day = on or today()
    run = SettlementRun.objects.get(pk=run_id)
    if run.finished:
        return run
    ids = None if booking_ids is None else list(booking_ids)
    excluded = frozen_provider_ids() | held_provider_ids(day=day)
    # One read, outside any transaction, of what each provider may have settled; each provider's
    # transaction re-selects its bookings by id (cheap), locked and still settleable.
    by_provider: dict[int, list[int]] = defaultdict(list)
    chosen = _settleable(run.programme_id, ids).exclude(provider_id__in=excluded).order_by("pk")
    for pk, provider_id in chosen.values_list("pk", "provider_id").iterator(chunk_size=CHUNK):
        by_provider[provider_id].append(pk)
    SettlementRun.objects.filter(pk=run.pk).update(providers_total=F("providers_done") + len(by_provider))
    for group in _provider_groups(by_provider, settings.KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION):
        with transaction.atomic():
            _lock_programme(run.programme_id)
            for provider_id, provider_booking_ids in group:
                _settlement_run_provider(
                    run, provider_id=provider_id, booking_ids=provider_booking_ids, day=day
                )
    with transaction.atomic():
        run = SettlementRun.objects.select_for_update().get(pk=run.pk)
        if not run.finished:
            run.skipped = _settlement_skipped(run.programme_id, ids, day=day)
            run.status = SettlementRunStatus.DONE  # progress, not a workflow
            run.finished_at = timezone.now()
            run.save(update_fields=["skipped", "status", "finished_at"])
            audit_record(
                action=VOUCHERS_SETTLEMENT_FINISHED,
                actor=run.run_by,
                obj=run,
                details={"programme": run.programme_id, "settled": run.settled, "grosze": run.amount},
            )
    return run


def _provider_groups(
    by_provider: dict[int, list[int]], bookings_per_transaction: int
) -> list[list[tuple[int, list[int]]]]:
    """Providers in order, gathered so that one transaction holds at least one whole provider and
    at most about ``bookings_per_transaction`` bookings: short transactions without paying a
    commit for each of hundreds of small providers. A provider is never split."""
    groups: list[list[tuple[int, list[int]]]] = []
    size = 0
    for provider_id, ids in sorted(by_provider.items()):
        if not groups or size + len(ids) > bookings_per_transaction:
            groups.append([])
            size = 0
        groups[-1].append((provider_id, ids))
        size += len(ids)
    return groups


def _settleable(programme_id: int, booking_ids: list[int] | None) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(
        Q(confirmed_at__isnull=False, evaluated_at__isnull=False)
        | Q(confirmation_outcome__in=domain.SETTLEABLE_OUTCOMES),
        voucher_account__programme_id=programme_id,
        status=domain.COMPLETED,
    )
    return bookings if booking_ids is None else bookings.filter(pk__in=booking_ids)


def _settlement_run_provider(
    run: SettlementRun, *, provider_id: int, booking_ids: list[int], day: date
) -> None:
    """One provider's settlement inside its group's transaction (which holds the programme's lock):
    its posting, its bookings settled and the run's counters, all or nothing."""
    key = f"{run.idempotency_key}:{provider_id}"
    with transaction.atomic():
        progress: dict[str, Combinable] = {"providers_done": F("providers_done") + 1}
        blocked = (
            PayoutFreeze.objects.filter(provider_id=provider_id, lifted_at__isnull=True).exists()
            or Provider.objects.filter(pk=provider_id, payout_hold_until__gte=day).exists()
        )
        # A posting under this key: an earlier attempt of this run settled the provider (and
        # counted it); bookings completed since then wait for the next run.
        if not blocked and ledger.existing(key) is None:
            # Locked (PostgreSQL; SQLite holds the write lock already) and re-selected under the
            # programme's lock: a booking another run settled meanwhile is no longer here.
            items: list[tuple[int, int, int]] = []
            for start in range(0, len(booking_ids), CHUNK):
                items += (
                    _settleable(run.programme_id, booking_ids[start : start + CHUNK])
                    .filter(provider_id=provider_id)
                    .select_for_update(of=("self",))
                    .order_by("pk")
                    .values_list("pk", "amount", "voucher_account__reserved_id")
                )
            if items:
                amount = _settlement_post(run, provider_id=provider_id, key=key, items=items)
                progress |= {
                    "settled": F("settled") + len(items),
                    "amount": F("amount") + amount,
                    "providers": F("providers") + 1,
                }
        SettlementRun.objects.filter(pk=run.pk).update(**progress, moved_at=timezone.now())


def _settlement_post(
    run: SettlementRun, *, provider_id: int, key: str, items: list[tuple[int, int, int]]
) -> int:
    """Post the provider's bookings to its receivable and mark them settled; return the amount."""
    receivable = ledger.receivable_account(programme_id=run.programme_id, provider_id=provider_id)
    amount = sum(a for _b, a, _r in items)
    # The reserved accounts by id: a settlement moves thousands, none needs loading.
    legs = [Leg(r, -a, b) for b, a, r in items]
    legs.append(Leg(receivable, amount))
    # Reserved accounts only decrease by their own bookings' amounts, which they hold (bookings
    # are COMPLETED, i.e. reserving): the CHECK is the backstop.
    ledger.post(
        kind=TransactionKind.SETTLE,
        programme_id=run.programme_id,
        idempotency_key=key,
        legs=legs,
        actor=run.run_by,
        check_balances=False,
        memo=f"{len(items)} bookings",
    )
    now = timezone.now()
    ids = [b for b, _a, _r in items]
    # The booking workflow's "settle" step (completed -> settled), taken in bulk: thousands of
    # bookings in one statement per chunk, each with its history row; the run is audited once.
    BOOKING.check(state=domain.COMPLETED, name="settle")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        Booking.objects.filter(pk__in=chunk, status=domain.COMPLETED).update(
            status=domain.SETTLED, settled_at=now, updated_at=now
        )
        _settled_events(chunk, actor=run.run_by, at=now)
    return amount


def _settlement_skipped(programme_id: int, booking_ids: list[int] | None, *, day: date) -> dict[str, int]:
    """The completed bookings the run leaves waiting, counted by reason (a booking may count under
    more than one)."""
    frozen = frozen_provider_ids()
    held = held_provider_ids(day=day)
    waiting = Booking.objects.filter(voucher_account__programme_id=programme_id, status=domain.COMPLETED)
    if booking_ids is not None:
        waiting = waiting.filter(pk__in=booking_ids)
    skipped: dict[str, int] = defaultdict(int)
    for provider_id, confirmed_at, evaluated_at, outcome in waiting.values_list(
        "provider_id", "confirmed_at", "evaluated_at", "confirmation_outcome"
    ):
        for reason in domain.settleable(
            status=domain.COMPLETED,
            confirmed=confirmed_at is not None,
            evaluated=evaluated_at is not None,
            provider_frozen=provider_id in frozen,
            provider_on_hold=provider_id in held,
            closed=outcome in domain.SETTLEABLE_OUTCOMES,
        ):
            skipped[reason] += 1
    return dict(skipped)


def _settled_events(booking_ids: list[int], *, actor: User, at: datetime) -> None:
    """One "completed -> settled" event per booking, written by one statement per chunk."""
    connection = transaction.get_connection()
    marks = ", ".join(["%s"] * len(booking_ids))
    sql = (
        "INSERT INTO vouchers_bookingevent (booking_id, status_from, status_to, actor_id, note, occurred_at)"  # noqa: S608 - only placeholders are joined in
        " SELECT id, %s, %s, %s, '', %s FROM vouchers_booking WHERE id IN (" + marks + ")"
    )
    params = [domain.COMPLETED, domain.SETTLED, actor.pk, connection.ops.adapt_datetimefield_value(at)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *booking_ids])
