"""Reads of career guidance, each scoped to who asks. An advisor sees only their participants
(who booked a meeting with them, or whose balance they run); every advisor's read of a
participant's file writes an audit record (``participant.file_read``); a participant sees only
their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ as FILE_READ
from kierunek.core.collation import polish_key, polish_sorted
from kierunek.geo.domain import search_key

from .domain import CHANGE_NOTICE, AppointmentStatus, Stage
from .models import (
    AdvisorSlot,
    Appointment,
    Competence,
    CompetenceBalance,
    DevelopmentArea,
    DevelopmentPlan,
    Occupation,
    PortfolioItem,
    ProfileCompetence,
    StarEvidence,
)

# --- appointments ----------------------------------------------------------------------------


def future_appointment(*, participant: User, now: datetime | None = None) -> Appointment | None:
    """The participant's booked appointment that has not started yet (at most one)."""
    now = now or timezone.now()
    return (
        Appointment.objects.select_related("slot__advisor", "slot__centre")
        .filter(participant=participant, status=AppointmentStatus.BOOKED, slot__starts_at__gt=now)
        .first()
    )


def appointments_of(*, participant: User) -> QuerySet[Appointment]:
    """All of a participant's appointments, the latest first."""
    return (
        Appointment.objects.select_related("slot__advisor", "slot__centre")
        .filter(participant=participant)
        .order_by("-slot__starts_at", "-id")
    )


def appointment_for(*, user: User, appointment_id: int) -> Appointment:
    """One appointment of ``user``'s own: the participant's, or one in the advisor's slot.
    Another's is PermissionDenied; none is DoesNotExist."""
    appointment = Appointment.objects.select_related("slot").get(pk=appointment_id)
    if user.pk not in (appointment.participant_id, appointment.slot.advisor_id):
        raise PermissionDenied
    return appointment


def open_slots(
    *,
    now: datetime | None = None,
    centre_id: int | None = None,
    mode: str = "",
    advisor_id: int | None = None,
) -> QuerySet[AdvisorSlot]:
    """Slots a participant can book now: offered, free, and at least 24 hours away."""
    now = now or timezone.now()
    slots = (
        AdvisorSlot.objects.select_related("advisor", "centre")
        .filter(withdrawn_at__isnull=True, starts_at__gte=now + CHANGE_NOTICE)
        .exclude(appointments__status=AppointmentStatus.BOOKED)
        .order_by("starts_at", "id")
    )
    if centre_id:
        slots = slots.filter(centre_id=centre_id)
    if mode:
        slots = slots.filter(mode=mode)
    if advisor_id:
        slots = slots.filter(advisor_id=advisor_id)
    return slots


def advisor_calendar(*, advisor: User, start: datetime, end: datetime) -> QuerySet[AdvisorSlot]:
    """The advisor's slots between ``start`` and ``end`` with the booking of each, if any."""
    booked = Appointment.objects.filter(status=AppointmentStatus.BOOKED).select_related("participant")
    return (
        AdvisorSlot.objects.filter(advisor=advisor, starts_at__gte=start, starts_at__lt=end)
        .select_related("centre")
        .prefetch_related(Prefetch("appointments", queryset=booked, to_attr="booked"))
        .order_by("starts_at", "id")
    )


# --- whose file an advisor may see -----------------------------------------------------------


def _participant_ids_of(advisor: User) -> Q:
    return Q(appointments__slot__advisor=advisor, appointments__status=AppointmentStatus.BOOKED) | Q(
        competence_balance__advisor=advisor
    )


def advisor_has_participant(*, advisor: User, participant: User) -> bool:
    if advisor.role != Role.ADVISOR:
        return False
    return (
        User.objects.filter(pk=participant.pk, role=Role.PARTICIPANT)
        .filter(_participant_ids_of(advisor))
        .exists()
    )


@dataclass(frozen=True)
class ParticipantRow:
    participant: User
    next_appointment: Appointment | None
    balance: CompetenceBalance | None
    plan_status: str | None


def advisor_participants(*, advisor: User, now: datetime | None = None) -> list[ParticipantRow]:
    """The advisor's participants in Polish alphabetical order of their names, with their next
    meeting and the state of the balance (three queries whatever the number of participants)."""
    now = now or timezone.now()
    participants = polish_sorted(
        User.objects.filter(role=Role.PARTICIPANT)
        .filter(_participant_ids_of(advisor))
        .distinct()
        .order_by("pk"),
        key=lambda person: (person.last_name, person.first_name),
    )
    ids = [p.pk for p in participants]
    upcoming: dict[int, Appointment] = {}
    for appointment in (
        Appointment.objects.filter(
            participant_id__in=ids,
            slot__advisor=advisor,
            status=AppointmentStatus.BOOKED,
            slot__starts_at__gt=now,
        )
        .select_related("slot__centre")
        .order_by("slot__starts_at")
    ):
        upcoming.setdefault(appointment.participant_id, appointment)
    balances = {
        balance.participant_id: balance
        for balance in CompetenceBalance.objects.filter(participant_id__in=ids).select_related(
            "plan", "advisor"
        )
    }
    return [
        ParticipantRow(
            participant=p,
            next_appointment=upcoming.get(p.pk),
            balance=balances.get(p.pk),
            plan_status=balances[p.pk].plan.status if p.pk in balances else None,
        )
        for p in participants
    ]


def participant_file_for_advisor(*, actor: Actor, participant_id: int, section: str = "overview") -> User:
    """A participant of this advisor (``actor``), read for their file: the read is audited. Raises
    PermissionDenied for anybody else's participant (the same answer as for no such person, so
    that ids cannot be probed)."""
    participant = User.objects.filter(pk=participant_id, role=Role.PARTICIPANT).first()
    if participant is None or not advisor_has_participant(advisor=actor.user, participant=participant):
        raise PermissionDenied
    audit_record(action=FILE_READ, actor=actor, obj=participant, details={"section": section})
    return participant


def balance_for_advisor(*, actor: Actor, balance_id: int, section: str) -> CompetenceBalance:
    """The balance an advisor (``actor``) runs, with its plan; the read is audited.
    PermissionDenied for a balance of another advisor (or none)."""
    balance = (
        CompetenceBalance.objects.select_related("participant", "advisor", "plan", "plan__target_occupation")
        .filter(pk=balance_id, advisor=actor.user)
        .first()
    )
    if balance is None or actor.role != Role.ADVISOR:
        raise PermissionDenied
    audit_record(
        action=FILE_READ,
        actor=actor,
        obj=balance.participant,
        details={"section": section, "balance": balance.pk},
    )
    return balance


def own_balance(*, participant: User) -> CompetenceBalance | None:
    """The participant's own balance with its plan (no audit: it is their own file)."""
    if participant.role != Role.PARTICIPANT:
        return None
    return (
        CompetenceBalance.objects.select_related(
            "advisor", "plan", "plan__target_occupation", "plan__signed_by"
        )
        .filter(participant=participant)
        .first()
    )


# --- the contents of a balance ---------------------------------------------------------------


def stages_done(balance: CompetenceBalance) -> set[Stage]:
    done = {
        Stage.BIOGRAPHICAL: balance.biographical_done_at,
        Stage.BEHAVIOURAL: balance.behavioural_done_at,
        Stage.PROFILE: balance.profile_done_at,
        Stage.PORTFOLIO: balance.portfolio_done_at,
    }
    return {stage for stage, at in done.items() if at is not None}


def experiences_of(balance: CompetenceBalance) -> QuerySet:
    return balance.experiences.all()


def star_evidence_of(balance: CompetenceBalance) -> QuerySet[StarEvidence]:
    return balance.star_evidence.select_related("experience").prefetch_related("competences")


def profile_of(balance: CompetenceBalance) -> QuerySet[ProfileCompetence]:
    return balance.profile.select_related("competence").prefetch_related("star_evidence")


def portfolio_of(balance: CompetenceBalance) -> QuerySet[PortfolioItem]:
    return balance.portfolio.select_related("added_by")


def areas_of(plan: DevelopmentPlan) -> QuerySet[DevelopmentArea]:
    return plan.areas.select_related("qualification").prefetch_related("categories__parent")


def portfolio_item_for(*, actor: Actor, item_id: int) -> PortfolioItem:
    """A portfolio item for its participant or for the advisor running the balance (audited);
    PermissionDenied for anybody else."""
    item = PortfolioItem.objects.select_related("balance__participant").filter(pk=item_id).first()
    if item is None:
        raise PermissionDenied
    if actor.role == Role.PARTICIPANT and item.balance.participant_id == actor.user.pk:
        return item
    if actor.role == Role.ADVISOR and item.balance.advisor_id == actor.user.pk:
        audit_record(
            action=FILE_READ,
            actor=actor,
            obj=item.balance.participant,
            details={"section": "portfolio_file", "item": item.pk},
        )
        return item
    raise PermissionDenied


# --- the vocabulary --------------------------------------------------------------------------

SEARCH_LIMIT = 20


def _vocabulary_search(queryset: QuerySet, q: str, limit: int) -> list:
    """Entries whose folded names contain every word of ``q`` (diacritics and case ignored),
    those whose name starts with the text first, then shorter names first."""
    key = search_key(q)
    if len(key) < 2:
        return []
    for word in key.split()[:6]:
        queryset = queryset.filter(search_key__contains=word)
    found = list(queryset.filter(is_active=True)[:500])
    found.sort(
        key=lambda entry: (
            not search_key(entry.label).startswith(key),
            len(entry.label),
            polish_key(entry.label),
        )
    )
    return found[:limit]


def competence_search(*, q: str, collection: str = "", limit: int = SEARCH_LIMIT) -> list[Competence]:
    """Search the competence vocabulary as the advisor types. ``collection`` narrows to
    ``transversal``, ``digital``, ``language`` or ``green``."""
    competences = Competence.objects.select_related("parent")
    if collection in {"transversal", "digital", "language", "green"}:
        competences = competences.filter(**{f"is_{collection}": True})
    return _vocabulary_search(competences, q, limit)


def occupation_search(*, q: str, limit: int = SEARCH_LIMIT) -> list[Occupation]:
    return _vocabulary_search(Occupation.objects.all(), q, limit)
