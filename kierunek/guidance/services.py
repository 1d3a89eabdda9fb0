"""Every change in career guidance: advisors' slots, participants' appointments, the competence
balance and its development plan. Each function checks who acts, runs in one transaction, locks
what it must, writes the audit record and sends e-mails only after the commit.

Lock order, to avoid deadlocks: the acting user's row, then slots by ascending id, then
appointments; for the balance, the balance row, then its plan."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import Category
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.geo.domain import search_key
from kierunek.programmes.selectors import participant_is_eligible

from . import domain, selectors
from .domain import AppointmentStatus, PlanAction, PlanStatus, SlotMode, Stage
from .models import (
    STAGE_LABELS,
    AdvisorSlot,
    Appointment,
    CareerCentre,
    Competence,
    CompetenceBalance,
    CompetenceSource,
    DevelopmentArea,
    DevelopmentPlan,
    Experience,
    Occupation,
    PortfolioItem,
    ProfileCompetence,
    StarEvidence,
)

MAX_SLOTS_AT_ONCE = 12

# --- advisors' slots -------------------------------------------------------------------------


def slots_publish(
    *,
    advisor: User,
    starts_at: datetime,
    minutes: int,
    count: int = 1,
    mode: str,
    centre: CareerCentre | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> list[AdvisorSlot]:
    """Publish ``count`` consecutive slots of ``minutes`` each from ``starts_at``: all of them or,
    when one cannot be published (in the past, overlapping a slot the advisor already has), none."""
    require_role(advisor, Role.ADVISOR)
    now = now or timezone.now()
    if not 1 <= count <= MAX_SLOTS_AT_ONCE:
        raise ValidationError(
            {"count": _("Publish from 1 to %(max)d slots at once.") % {"max": MAX_SLOTS_AT_ONCE}}
        )
    if mode not in {m.value for m in SlotMode}:
        raise ValidationError({"mode": _("Choose where the meeting takes place.")})
    if mode == SlotMode.IN_PERSON and (centre is None or not centre.is_active):
        raise ValidationError({"centre": _("Choose the career centre where you meet in person.")})
    if mode == SlotMode.ONLINE:
        centre = None
    times = [
        (starts_at + timedelta(minutes=minutes * n), starts_at + timedelta(minutes=minutes * (n + 1)))
        for n in range(count)
    ]
    problem = domain.slot_problem(starts_at=times[0][0], ends_at=times[0][1], now=now)
    if problem is None:
        problem = domain.slot_problem(starts_at=times[-1][0], ends_at=times[-1][1], now=now)
    messages = {
        "past": _("A slot must start in the future."),
        "order": _("A slot must end after it starts."),
        "length": _("A slot lasts from %(min)d to %(max)d minutes.")
        % {"min": domain.MIN_SLOT_MINUTES, "max": domain.MAX_SLOT_MINUTES},
        "too_far": _("Slots can be published at most 180 days ahead."),
    }
    if problem:
        raise ValidationError({"starts_at": messages[problem]})
    with transaction.atomic():
        # The advisor's row serialises concurrent publications by the same advisor.
        User.objects.select_for_update().get(pk=advisor.pk)
        overlapping = AdvisorSlot.objects.filter(
            advisor=advisor, withdrawn_at__isnull=True, starts_at__lt=times[-1][1], ends_at__gt=times[0][0]
        )
        if overlapping.exists():
            raise ValidationError({"starts_at": _("You already have a slot at this time.")})
        slots = [
            AdvisorSlot.objects.create(
                advisor=advisor, starts_at=start, ends_at=end, mode=mode, centre=centre
            )
            for start, end in times
        ]
        audit_record(
            action="guidance.slots_published",
            actor=advisor,
            obj=slots[0],
            request=request,
            details={"slots": [slot.pk for slot in slots], "mode": mode},
        )
    return slots


def slot_withdraw(
    *, slot_id: int, advisor: User, request: HttpRequest | None = None, now: datetime | None = None
) -> AdvisorSlot:
    """The advisor takes back a future slot. A participant who booked it is told; their
    appointment is cancelled (the 24-hour limit binds participants, not the advisor)."""
    require_role(advisor, Role.ADVISOR)
    now = now or timezone.now()
    with transaction.atomic():
        slot = AdvisorSlot.objects.select_for_update().get(pk=slot_id)
        if slot.advisor_id != advisor.pk:
            raise PermissionDenied(_("This is not your slot."))
        if slot.withdrawn_at is not None:
            raise ValidationError(_("This slot has already been withdrawn."))
        if slot.starts_at <= now:
            raise ValidationError(_("A slot that has started cannot be withdrawn."))
        appointment = (
            Appointment.objects.select_for_update().filter(slot=slot, status=AppointmentStatus.BOOKED).first()
        )
        if appointment is not None:
            appointment.status = AppointmentStatus.CANCELLED
            appointment.closed_at = now
            appointment.closed_by = advisor
            appointment.save(update_fields=["status", "closed_at", "closed_by"])
            _notify_appointment(appointment, event="cancelled_by_advisor")
        slot.withdrawn_at = now
        slot.save(update_fields=["withdrawn_at"])
        audit_record(
            action="guidance.slot_withdrawn",
            actor=advisor,
            obj=slot,
            request=request,
            details={"appointment": appointment.pk if appointment else None},
        )
    return slot


# --- participants' appointments --------------------------------------------------------------


def _refuse_unless_bookable(slot: AdvisorSlot, *, now: datetime) -> None:
    if slot.withdrawn_at is not None:
        raise ValidationError(_("This slot is no longer offered. Choose another one."))
    if not domain.change_allowed(starts_at=slot.starts_at, now=now):
        raise ValidationError(_("Meetings can be booked at least 24 hours ahead. Choose a later slot."))
    if Appointment.objects.filter(slot=slot, status=AppointmentStatus.BOOKED).exists():
        raise ValidationError(_("Somebody has just booked this slot. Choose another one."))


def appointment_book(
    *, slot_id: int, participant: User, request: HttpRequest | None = None, now: datetime | None = None
) -> Appointment:
    """Book a slot for an eligible participant. At most one future appointment per participant
    (their user row is locked while it is checked); at most one booking per slot (the slot row
    is locked, and a partial unique index is the backstop)."""
    require_role(participant, Role.PARTICIPANT)
    now = now or timezone.now()
    if not participant_is_eligible(user=participant):
        raise PermissionDenied(
            _("Meetings with an advisor are for participants whose application was accepted.")
        )
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=participant.pk)
            if selectors.future_appointment(participant=participant, now=now) is not None:
                raise ValidationError(
                    _("You already have a meeting booked. Move it or cancel it if you need another time.")
                )
            slot = (
                AdvisorSlot.objects.select_for_update(of=("self",))
                .select_related("advisor", "centre")
                .get(pk=slot_id)
            )
            _refuse_unless_bookable(slot, now=now)
            appointment = Appointment.objects.create(slot=slot, participant=participant)
            audit_record(
                action="guidance.appointment_booked",
                actor=participant,
                obj=appointment,
                request=request,
                details={"slot": slot.pk, "advisor": slot.advisor_id},
            )
            _notify_appointment(appointment, event="booked")
    except IntegrityError as exc:  # the unique index caught a concurrent booking of the slot
        raise ValidationError(_("Somebody has just booked this slot. Choose another one.")) from exc
    return appointment


def appointment_move(
    *,
    appointment_id: int,
    new_slot_id: int,
    participant: User,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Move a booked appointment to another free slot: the old one becomes ``moved`` (pointing
    to the new one) and the new one ``booked``, together or not at all."""
    require_role(participant, Role.PARTICIPANT)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=participant.pk)
            # Slots before appointments (the lock order): read which slot it is, lock both
            # slots, then the appointment.
            old_slot_id = Appointment.objects.values_list("slot_id", flat=True).get(pk=appointment_id)
            slots = {
                slot.pk: slot
                for slot in AdvisorSlot.objects.select_for_update(of=("self",))
                .select_related("advisor", "centre")
                .filter(pk__in=[old_slot_id, new_slot_id])
                .order_by("pk")
            }
            old = Appointment.objects.select_for_update().get(pk=appointment_id)
            if old.participant_id != participant.pk:
                raise PermissionDenied(_("This is not your appointment."))
            if old.status != AppointmentStatus.BOOKED or old.slot_id != old_slot_id:
                raise ValidationError(_("Only a booked meeting can be moved."))
            if new_slot_id == old.slot_id:
                raise ValidationError(_("Choose a different time."))
            if new_slot_id not in slots:
                raise AdvisorSlot.DoesNotExist
            if not domain.change_allowed(starts_at=slots[old.slot_id].starts_at, now=now):
                raise ValidationError(_("A meeting can be moved up to 24 hours before it starts."))
            new_slot = slots[new_slot_id]
            _refuse_unless_bookable(new_slot, now=now)
            old.status = AppointmentStatus.MOVED
            old.closed_at = now
            old.closed_by = participant
            old.save(update_fields=["status", "closed_at", "closed_by"])
            new = Appointment.objects.create(slot=new_slot, participant=participant)
            old.moved_to = new
            old.save(update_fields=["moved_to"])
            audit_record(
                action="guidance.appointment_moved",
                actor=participant,
                obj=new,
                request=request,
                details={"from_appointment": old.pk, "from_slot": old.slot_id, "to_slot": new_slot.pk},
            )
            _notify_appointment(new, event="moved", previous=old)
    except IntegrityError as exc:
        raise ValidationError(_("Somebody has just booked this slot. Choose another one.")) from exc
    return new


def appointment_cancel(
    *, appointment_id: int, actor: User, request: HttpRequest | None = None, now: datetime | None = None
) -> Appointment:
    """The participant cancels up to 24 hours before; the slot's advisor may cancel any time
    before the meeting. The slot becomes free again."""
    now = now or timezone.now()
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("slot", "slot__advisor")
            .get(pk=appointment_id)
        )
        if actor.role == Role.PARTICIPANT and appointment.participant_id == actor.pk:
            if not domain.change_allowed(starts_at=appointment.slot.starts_at, now=now):
                raise ValidationError(_("A meeting can be cancelled up to 24 hours before it starts."))
            event = "cancelled"
        elif actor.role == Role.ADVISOR and appointment.slot.advisor_id == actor.pk:
            if appointment.slot.starts_at <= now:
                raise ValidationError(_("A meeting that has started cannot be cancelled."))
            event = "cancelled_by_advisor"
        else:
            raise PermissionDenied(_("This is not your appointment."))
        if appointment.status != AppointmentStatus.BOOKED:
            raise ValidationError(_("This meeting is not booked."))
        appointment.status = AppointmentStatus.CANCELLED
        appointment.closed_at = now
        appointment.closed_by = actor
        appointment.save(update_fields=["status", "closed_at", "closed_by"])
        audit_record(action="guidance.appointment_cancelled", actor=actor, obj=appointment, request=request)
        _notify_appointment(appointment, event=event)
    return appointment


def appointment_reminders_send(*, today: date | None = None) -> int:
    """E-mail a reminder for every booked appointment tomorrow that has not had one. Each
    appointment is claimed by a conditional update, so two runs (or two workers) never remind
    twice. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminder_sent_at__isnull=True,
        slot__starts_at__gte=start,
        slot__starts_at__lt=start + timedelta(days=1),
    ).values_list("pk", flat=True)
    sent = 0
    for appointment_id in list(due):
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment_id, status=AppointmentStatus.BOOKED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            appointment = Appointment.objects.select_related(
                "slot__advisor", "slot__centre", "participant"
            ).get(pk=appointment_id)
            audit_record(action="guidance.appointment_reminded", obj=appointment)
            _notify_appointment(appointment, event="reminder", advisor_too=False)
            sent += 1
    return sent


_SUBJECTS = {
    "booked": gettext_noop("Your meeting with a career advisor is booked"),
    "moved": gettext_noop("Your meeting with a career advisor has been moved"),
    "cancelled": gettext_noop("Your meeting with a career advisor is cancelled"),
    "cancelled_by_advisor": gettext_noop("Your advisor has cancelled the meeting"),
    "reminder": gettext_noop("Reminder: your meeting with a career advisor tomorrow"),
}


def _notify_appointment(
    appointment: Appointment, *, event: str, previous: Appointment | None = None, advisor_too: bool = True
) -> None:
    context = {"appointment": appointment, "slot": appointment.slot, "event": event, "previous": previous}
    notify(
        recipients=[appointment.participant],
        subject=_SUBJECTS[event],
        template="guidance/email/appointment.txt",
        context=context,
    )
    if advisor_too and event != "cancelled_by_advisor":
        notify(
            recipients=[appointment.slot.advisor],
            subject=gettext_noop("A participant's meeting with you has changed"),
            template="guidance/email/appointment_advisor.txt",
            context=context,
        )


# --- the competence balance ------------------------------------------------------------------


def balance_start(
    *, participant_id: int, advisor: User, request: HttpRequest | None = None
) -> CompetenceBalance:
    """An advisor starts the balance of a participant who has booked a meeting with them; the
    balance comes with its (draft) development plan. One balance per participant."""
    require_role(advisor, Role.ADVISOR)
    participant = User.objects.get(pk=participant_id, role=Role.PARTICIPANT)
    if not selectors.advisor_has_participant(advisor=advisor, participant=participant):
        raise PermissionDenied(
            _("Only the advisor the participant booked a meeting with can start the balance.")
        )
    try:
        with transaction.atomic():
            balance = CompetenceBalance.objects.create(participant=participant, advisor=advisor)
            DevelopmentPlan.objects.create(balance=balance)
            audit_record(action="guidance.balance_started", actor=advisor, obj=balance, request=request)
    except IntegrityError as exc:
        raise ValidationError(_("This participant's competence balance has already been started.")) from exc
    return balance


def _balance_for_change(*, balance_id: int, advisor: User) -> CompetenceBalance:
    """Lock the balance for a change by its advisor, while its plan is still a draft."""
    require_role(advisor, Role.ADVISOR)
    balance = CompetenceBalance.objects.select_for_update().get(pk=balance_id)
    if balance.advisor_id != advisor.pk:
        raise PermissionDenied(_("This is not the balance of your participant."))
    plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("The plan is signed. Reopen it to change the balance."))
    return balance


STAGE_FIELDS = {
    Stage.BIOGRAPHICAL: "biographical_done_at",
    Stage.BEHAVIOURAL: "behavioural_done_at",
    Stage.PROFILE: "profile_done_at",
    Stage.PORTFOLIO: "portfolio_done_at",
}


def balance_stage_mark(
    *, balance_id: int, stage: str, done: bool, advisor: User, request: HttpRequest | None = None
) -> CompetenceBalance:
    """Mark a stage complete (or open it again). A stage is complete only with something in it:
    an experience, a piece of STAR evidence, a competence of the profile; the portfolio may be
    empty."""
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        field = STAGE_FIELDS.get(Stage(stage)) if stage in {s.value for s in Stage} else None
        if field is None:
            raise ValidationError(_("Unknown stage."))
        if done:
            empty = {
                Stage.BIOGRAPHICAL: not balance.experiences.exists(),
                Stage.BEHAVIOURAL: not balance.star_evidence.exists(),
                Stage.PROFILE: not balance.profile.exists(),
                Stage.PORTFOLIO: False,
            }[Stage(stage)]
            if empty:
                raise ValidationError(_("Record something in this stage before you mark it complete."))
        setattr(balance, field, timezone.now() if done else None)
        balance.save(update_fields=[field])
        audit_record(
            action="guidance.stage_marked",
            actor=advisor,
            obj=balance,
            request=request,
            details={"stage": stage, "done": done},
        )
    return balance


@dataclass(frozen=True)
class ExperienceData:
    kind: str
    title: str
    organisation: str
    started_on: date
    ended_on: date | None
    activities: str


def experience_save(
    *,
    balance_id: int,
    data: ExperienceData,
    advisor: User,
    experience_id: int | None = None,
    request: HttpRequest | None = None,
) -> Experience:
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        experience = (
            Experience.objects.get(pk=experience_id, balance=balance)
            if experience_id
            else Experience(balance=balance)
        )
        for name, value in vars(data).items():
            setattr(experience, name, value.strip() if isinstance(value, str) else value)
        experience.full_clean()
        experience.save()
        audit_record(action="guidance.experience_saved", actor=advisor, obj=experience, request=request)
    return experience


def _child_delete(
    model: type, *, balance_id: int, item_id: int, advisor: User, action: str, request: HttpRequest | None
) -> None:
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        item = model.objects.get(pk=item_id, balance=balance)  # type: ignore[attr-defined]
        audit_record(action=action, actor=advisor, obj=balance, request=request, details={"id": item_id})
        item.delete()


def experience_delete(
    *, balance_id: int, experience_id: int, advisor: User, request: HttpRequest | None = None
) -> None:
    _child_delete(
        Experience,
        balance_id=balance_id,
        item_id=experience_id,
        advisor=advisor,
        action="guidance.experience_deleted",
        request=request,
    )


def _competences(ids: list[int]) -> list[Competence]:
    competences = list(Competence.objects.filter(pk__in=ids, is_active=True))
    if len(competences) != len(set(ids)):
        raise ValidationError({"competences": _("Choose competences from the vocabulary.")})
    return competences


@dataclass(frozen=True)
class StarData:
    situation: str
    task: str
    action: str
    result: str
    competence_ids: list[int]
    experience_id: int | None = None


def star_evidence_save(
    *,
    balance_id: int,
    data: StarData,
    advisor: User,
    evidence_id: int | None = None,
    request: HttpRequest | None = None,
) -> StarEvidence:
    """Record behavioural evidence: all four parts of STAR, and at least one competence it shows."""
    parts = {name: getattr(data, name).strip() for name in ("situation", "task", "action", "result")}
    missing = {name: _("Describe this part of the example.") for name, text in parts.items() if not text}
    if missing:
        raise ValidationError(missing)
    if not data.competence_ids:
        raise ValidationError({"competences": _("Link the example to at least one competence it shows.")})
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        competences = _competences(data.competence_ids)
        experience = None
        if data.experience_id:
            experience = Experience.objects.filter(pk=data.experience_id, balance=balance).first()
            if experience is None:
                raise ValidationError({"experience": _("Choose one of this participant's experiences.")})
        evidence = (
            StarEvidence.objects.get(pk=evidence_id, balance=balance)
            if evidence_id
            else StarEvidence(balance=balance)
        )
        for name, text in parts.items():
            setattr(evidence, name, text)
        evidence.experience = experience
        evidence.save()
        evidence.competences.set(competences)
        audit_record(action="guidance.star_evidence_saved", actor=advisor, obj=evidence, request=request)
    return evidence


def star_evidence_delete(
    *, balance_id: int, evidence_id: int, advisor: User, request: HttpRequest | None = None
) -> None:
    _child_delete(
        StarEvidence,
        balance_id=balance_id,
        item_id=evidence_id,
        advisor=advisor,
        action="guidance.star_evidence_deleted",
        request=request,
    )


@dataclass(frozen=True)
class ProfileEntryData:
    competence_id: int
    dimension: str
    level: int
    prk_level: int | None
    evidence: str
    star_ids: list[int]


def profile_competence_save(
    *, balance_id: int, data: ProfileEntryData, advisor: User, request: HttpRequest | None = None
) -> ProfileCompetence:
    """Add a competence to the profile, or update it when it is there already (one entry per
    competence). The assessment needs its evidence: a text or linked STAR examples."""
    if not data.evidence.strip() and not data.star_ids:
        raise ValidationError({"evidence": _("Give the evidence for this level, or link STAR examples.")})
    if data.prk_level is not None and not 1 <= data.prk_level <= 8:
        raise ValidationError({"prk_level": _("A PRK level is from 1 to 8.")})
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        (competence,) = _competences([data.competence_id])
        stars = list(StarEvidence.objects.filter(balance=balance, pk__in=data.star_ids))
        if len(stars) != len(set(data.star_ids)):
            raise ValidationError({"star_evidence": _("Choose STAR examples of this balance.")})
        entry, _created = ProfileCompetence.objects.update_or_create(
            balance=balance,
            competence=competence,
            defaults={
                "dimension": data.dimension,
                "level": data.level,
                "prk_level": data.prk_level,
                "evidence": data.evidence.strip(),
            },
        )
        entry.full_clean()
        entry.star_evidence.set(stars)
        audit_record(
            action="guidance.profile_saved",
            actor=advisor,
            obj=entry,
            request=request,
            details={"competence": competence.uri, "level": data.level},
        )
    return entry


def profile_competence_delete(
    *, balance_id: int, entry_id: int, advisor: User, request: HttpRequest | None = None
) -> None:
    _child_delete(
        ProfileCompetence,
        balance_id=balance_id,
        item_id=entry_id,
        advisor=advisor,
        action="guidance.profile_deleted",
        request=request,
    )


def portfolio_file_add(
    *,
    balance_id: int,
    title: str,
    description: str,
    upload: UploadedFile,
    advisor: User,
    request: HttpRequest | None = None,
) -> PortfolioItem:
    """A document for the portfolio: a PDF or an image, its type read from its first bytes."""
    kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        item = PortfolioItem.objects.create(
            balance=balance,
            kind=PortfolioItem.Kind.FILE,
            title=title.strip(),
            description=description.strip(),
            file=upload,
            file_kind=kind,
            added_by=advisor,
        )
        audit_record(action="guidance.portfolio_added", actor=advisor, obj=item, request=request)
    return item


def portfolio_reference_add(
    *,
    balance_id: int,
    title: str,
    description: str,
    referee_name: str,
    referee_contact: str,
    advisor: User,
    request: HttpRequest | None = None,
) -> PortfolioItem:
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the reference a title.")
    if not referee_name.strip():
        errors["referee_name"] = _("Say who gives the reference.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        item = PortfolioItem.objects.create(
            balance=balance,
            kind=PortfolioItem.Kind.REFERENCE,
            title=title.strip(),
            description=description.strip(),
            referee_name=referee_name.strip(),
            referee_contact=referee_contact.strip(),
            added_by=advisor,
        )
        audit_record(action="guidance.portfolio_added", actor=advisor, obj=item, request=request)
    return item


def portfolio_item_delete(
    *, balance_id: int, item_id: int, advisor: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        item = PortfolioItem.objects.get(pk=item_id, balance=balance)
        audit_record(
            action="guidance.portfolio_deleted",
            actor=advisor,
            obj=balance,
            request=request,
            details={"id": item_id},
        )
        stored = item.file.name if item.file else ""
        item.delete()
        if stored:
            storage = item.file.storage
            transaction.on_commit(lambda: storage.delete(stored))


# --- the development plan --------------------------------------------------------------------


def plan_update(
    *,
    balance_id: int,
    summary: str,
    target_occupation_id: int | None,
    advisor: User,
    request: HttpRequest | None = None,
) -> DevelopmentPlan:
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        plan = balance.plan
        plan.summary = summary.strip()
        plan.target_occupation = (
            Occupation.objects.get(pk=target_occupation_id, is_active=True) if target_occupation_id else None
        )
        plan.save(update_fields=["summary", "target_occupation", "updated_at"])
        audit_record(action="guidance.plan_updated", actor=advisor, obj=plan, request=request)
    return plan


@dataclass(frozen=True)
class AreaData:
    title: str
    gap: str
    goals: str
    package_kind: str
    category_ids: list[int]
    market_qualification: str
    keywords: str
    priority: int


def area_save(
    *,
    balance_id: int,
    data: AreaData,
    advisor: User,
    area_id: int | None = None,
    request: HttpRequest | None = None,
) -> DevelopmentArea:
    """Add or change a development area of a draft plan."""
    errors = {}
    if not data.title.strip():
        errors["title"] = _("Name the development area.")
    if not data.goals.strip():
        errors["goals"] = _("Write the goals of this area.")
    if not data.category_ids and not data.market_qualification.strip():
        errors["categories"] = _(
            "Choose the service categories or name the market qualification that would close the gap."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        categories = list(Category.objects.filter(pk__in=data.category_ids))
        if len(categories) != len(set(data.category_ids)):
            raise ValidationError({"categories": _("Choose categories of the catalogue.")})
        area = (
            DevelopmentArea.objects.get(pk=area_id, plan=balance.plan)
            if area_id
            else DevelopmentArea(plan=balance.plan)
        )
        area.title = data.title.strip()
        area.gap = data.gap.strip()
        area.goals = data.goals.strip()
        area.package_kind = data.package_kind
        area.market_qualification = data.market_qualification.strip()
        area.keywords = data.keywords.strip()
        area.priority = data.priority
        area.full_clean(exclude=["plan"])
        area.save()
        area.categories.set(categories)
        audit_record(action="guidance.area_saved", actor=advisor, obj=area, request=request)
    return area


def area_delete(*, balance_id: int, area_id: int, advisor: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        balance = _balance_for_change(balance_id=balance_id, advisor=advisor)
        area = DevelopmentArea.objects.get(pk=area_id, plan=balance.plan)
        audit_record(
            action="guidance.area_deleted",
            actor=advisor,
            obj=balance,
            request=request,
            details={"id": area_id},
        )
        area.delete()


SIGN_PROBLEM_MESSAGES = {
    "no_areas": gettext_noop("Add at least one development area."),
    "area_without_goals": gettext_noop("Development area %(number)s has no goals."),
    "area_without_means": gettext_noop(
        "Development area %(number)s names neither service categories nor a market qualification."
    ),
    "stage_open": gettext_noop("Mark the stage “%(stage)s” complete first."),
}


def _plan_transition(plan: DevelopmentPlan, action: PlanAction) -> PlanStatus:
    try:
        return domain.plan_next_status(plan.status, action)
    except domain.TransitionRefused:
        messages = {
            PlanAction.SIGN: _("Only a draft plan can be signed."),
            PlanAction.REOPEN: _("Only a signed plan can be reopened."),
            PlanAction.ACKNOWLEDGE: _("The plan is not waiting for your acknowledgement."),
            PlanAction.FEEDBACK: _("Feedback can be given once the advisor has signed the plan."),
        }
        raise ValidationError(messages.get(action, _("This cannot be done with the plan now."))) from None


def plan_sign(*, balance_id: int, advisor: User, request: HttpRequest | None = None) -> DevelopmentPlan:
    """The advisor signs the plan off when the balance's stages are complete and every area
    says what would close its gap. The participant is told."""
    require_role(advisor, Role.ADVISOR)
    with transaction.atomic():
        balance = CompetenceBalance.objects.select_for_update().get(pk=balance_id)
        if balance.advisor_id != advisor.pk:
            raise PermissionDenied(_("This is not the balance of your participant."))
        plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
        new_status = _plan_transition(plan, PlanAction.SIGN)
        areas = [
            domain.AreaDraft(
                title=area.title,
                goals=area.goals,
                category_count=area.categories.count(),
                market_qualification=area.market_qualification,
            )
            for area in plan.areas.all()
        ]
        problems = domain.plan_sign_problems(areas=areas, stages_done=selectors.stages_done(balance))
        if problems:
            messages = []
            for problem in problems:
                code, _sep, arg = problem.partition(":")
                text = _(SIGN_PROBLEM_MESSAGES[code])
                messages.append(
                    text % {"number": arg, "stage": STAGE_LABELS[Stage(arg)] if code == "stage_open" else arg}
                )
            raise ValidationError(messages)
        plan.status = new_status
        plan.signed_at = timezone.now()
        plan.signed_by = advisor
        plan.save(update_fields=["status", "signed_at", "signed_by", "updated_at"])
        audit_record(
            action="guidance.plan_signed",
            actor=advisor,
            obj=plan,
            request=request,
            details={"areas": len(areas)},
        )
        notify(
            recipients=[balance.participant],
            subject=gettext_noop("Your development plan is ready"),
            template="guidance/email/plan_signed.txt",
            context={"plan": plan},
        )
    return plan


def plan_reopen(*, balance_id: int, advisor: User, request: HttpRequest | None = None) -> DevelopmentPlan:
    """The advisor reopens a signed plan to change it; the participant's acknowledgement, given
    for the old version, no longer holds."""
    require_role(advisor, Role.ADVISOR)
    with transaction.atomic():
        balance = CompetenceBalance.objects.select_for_update().get(pk=balance_id)
        if balance.advisor_id != advisor.pk:
            raise PermissionDenied(_("This is not the balance of your participant."))
        plan = DevelopmentPlan.objects.select_for_update().get(balance=balance)
        plan.status = _plan_transition(plan, PlanAction.REOPEN)
        plan.signed_at = plan.signed_by = plan.acknowledged_at = None
        plan.save(update_fields=["status", "signed_at", "signed_by", "acknowledged_at", "updated_at"])
        audit_record(action="guidance.plan_reopened", actor=advisor, obj=plan, request=request)
    return plan


def _own_plan_locked(participant: User) -> DevelopmentPlan:
    require_role(participant, Role.PARTICIPANT)
    plan = (
        DevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("balance")
        .filter(balance__participant=participant)
        .first()
    )
    if plan is None:
        raise ValidationError(_("You have no development plan yet."))
    return plan


def plan_acknowledge(*, participant: User, request: HttpRequest | None = None) -> DevelopmentPlan:
    """The participant confirms, with their own login, that they have read the signed plan."""
    with transaction.atomic():
        plan = _own_plan_locked(participant)
        plan.status = _plan_transition(plan, PlanAction.ACKNOWLEDGE)
        plan.acknowledged_at = timezone.now()
        plan.save(update_fields=["status", "acknowledged_at", "updated_at"])
        audit_record(action="guidance.plan_acknowledged", actor=participant, obj=plan, request=request)
    return plan


MAX_FEEDBACK = 4000


def plan_feedback(*, participant: User, text: str, request: HttpRequest | None = None) -> DevelopmentPlan:
    """The participant's feedback on the signed plan (it replaces earlier feedback); the advisor
    is told."""
    text = text.strip()
    if not text:
        raise ValidationError({"feedback": _("Write your feedback.")})
    if len(text) > MAX_FEEDBACK:
        raise ValidationError(
            {"feedback": _("Feedback is at most %(max)d characters.") % {"max": MAX_FEEDBACK}}
        )
    with transaction.atomic():
        plan = _own_plan_locked(participant)
        _plan_transition(plan, PlanAction.FEEDBACK)
        plan.feedback = text
        plan.feedback_at = timezone.now()
        plan.save(update_fields=["feedback", "feedback_at", "updated_at"])
        audit_record(action="guidance.plan_feedback_given", actor=participant, obj=plan, request=request)
        notify(
            recipients=[plan.balance.advisor],
            subject=gettext_noop("A participant has commented on their development plan"),
            template="guidance/email/plan_feedback.txt",
            context={"plan": plan, "participant": participant},
        )
    return plan


# --- the office's own vocabulary entries -----------------------------------------------------


def vocabulary_search_key(*, label: str, alt_labels: str) -> str:
    """The folded text the advisor's search matches (as the ESCO migration computes it)."""
    return search_key(" ".join([label, *alt_labels.splitlines()]))


def vocabulary_entry_save(
    *, entry: Competence | Occupation, actor: User, request: HttpRequest | None = None
) -> None:
    """Save an entry of the vocabulary from the admin site. ESCO entries keep their URI and
    labels (they come from the classification); the office's own get a ``urn:kierunek:`` URI."""
    require_role(actor, Role.ADMINISTRATOR, Role.OFFICER)
    kind = "competence" if isinstance(entry, Competence) else "occupation"
    with transaction.atomic():
        if entry.pk is None:
            entry.source = CompetenceSource.OFFICE
            if not entry.uri:
                entry.uri = f"urn:kierunek:{kind}:{uuid.uuid4()}"
        entry.search_key = vocabulary_search_key(label=entry.label, alt_labels=entry.alt_labels)
        entry.save()
        audit_record(action=f"guidance.vocabulary_{kind}_saved", actor=actor, obj=entry, request=request)
