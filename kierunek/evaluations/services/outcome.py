"""The outcome survey: months after a service (the programme's dated ``outcome_survey`` rule), the
participant is asked what came of it.

``outcome_invitations_process`` is the daily step (``manage.py evaluations_daily``, task
``process_outcome_invitations``): it invites the participants whose completed bookings reached the
rule's delay and reminds those who have not answered, each at most once per due reminder, so a
second run the same day changes nothing. The answers are anonymous (``OutcomeResponse``: the
service, the provider, the category and the month); the invitation records only the day it was
answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.programmes.models import Programme, RuleVersion
from kierunek.programmes.outcome_survey_rules import OutcomeSurveyRules, outcome_survey_rules_from
from kierunek.programmes.selectors import RuleNotInForce, outcome_survey_rules_on
from kierunek.vouchers.domain import COMPLETED, SETTLED
from kierunek.vouchers.models import Booking

from .. import audit_actions, domain
from ..models import JobChange, OutcomeInvitation, OutcomeResponse

MAX_QUALIFICATION = 200
# No rule invites sooner than a month after completion: younger bookings are not even read.
_SHORTEST_DELAY = timedelta(days=28)


@dataclass(frozen=True)
class OutcomeAnswers:
    job_change: str
    skills_use: int
    qualification: bool
    qualification_name: str
    recommend: int


def _rules(
    cache: dict[tuple[int, date], Any], programme: Programme, day: date
) -> tuple[RuleVersion, OutcomeSurveyRules] | None:
    key = (programme.pk, day)
    if key not in cache:
        try:
            cache[key] = outcome_survey_rules_on(programme=programme, day=day)
        except RuleNotInForce:
            cache[key] = None
    return cache[key]


def _link(invitation: OutcomeInvitation) -> str:
    return reverse("evaluations:outcome_survey", args=[invitation.booking_id])


def _invite(booking: Booking, version: RuleVersion, today: date, closes: date) -> bool:
    with transaction.atomic():
        invitation, created = OutcomeInvitation.objects.get_or_create(
            booking=booking,
            defaults={
                "participant_id": booking.participant_id,
                "rule_version": version,
                "invited_on": today,
                "closes_on": closes,
            },
        )
        if not created:
            return False
        audit_record(
            action=audit_actions.OUTCOME_SURVEY_INVITED,
            actor=SYSTEM,
            obj=invitation,
            details={"booking": booking.pk, "closes_on": closes.isoformat()},
        )
        notify(
            recipients=[booking.participant],
            subject=gettext_noop("What came of your training? A short anonymous survey"),
            template="evaluations/email/outcome_invitation.txt",
            context={
                "invitation": invitation,
                "card": booking.card,
                "link": _link(invitation),
                "reminder": False,
            },
        )
    return True


def _remind(invitation: OutcomeInvitation, today: date) -> bool:
    rules = outcome_survey_rules_from(invitation.rule_version.value)
    due = domain.reminders_due(rules, invitation.invited_on, today)
    if due <= invitation.reminders_sent:
        return False
    with transaction.atomic():
        locked = OutcomeInvitation.objects.select_for_update().get(pk=invitation.pk)
        if due <= locked.reminders_sent or locked.answered_on is not None:
            return False
        locked.reminders_sent = due
        locked.last_reminded_on = today
        locked.save(update_fields=["reminders_sent", "last_reminded_on"])
        audit_record(
            action=audit_actions.OUTCOME_SURVEY_REMINDED,
            actor=SYSTEM,
            obj=locked,
            details={"reminder": due},
        )
        notify(
            recipients=[invitation.booking.participant],
            subject=gettext_noop("Reminder: the survey about what came of your training"),
            template="evaluations/email/outcome_invitation.txt",
            context={
                "invitation": locked,
                "card": invitation.booking.card,
                "link": _link(locked),
                "reminder": True,
            },
        )
    return True


def outcome_invite(*, booking: Booking, today: date) -> OutcomeInvitation | None:
    """Invite the participant of one completed booking now, whatever the delay (the demo, or an
    officer's catch-up): the rule in force on the day of completion gives the window. None when no
    rule is in force or the booking is not completed."""
    if booking.status not in (COMPLETED, SETTLED) or booking.reported_at is None:
        return None
    found = _rules({}, booking.voucher_account.programme, timezone.localdate(booking.reported_at))
    if found is None:
        return None
    version, rules = found
    _invite(booking, version, today, domain.closes_on(rules, today))
    return OutcomeInvitation.objects.get(booking=booking)


def outcome_invitations_process(*, today: date | None = None) -> dict[str, int]:
    """Invite every participant whose completed booking reached the rule's delay (on the day the
    booking was reported completed, the rule in force that day), unless the survey's window has
    already passed; then send the reminders that fell due. Idempotent."""
    today = today or timezone.localdate()
    cache: dict[tuple[int, date], Any] = {}
    invited = reminded = 0
    bookings = (
        Booking.objects.filter(
            status__in=(COMPLETED, SETTLED),
            reported_at__date__lte=today - _SHORTEST_DELAY,
            outcome_invitation__isnull=True,
        )
        .select_related("voucher_account__programme", "participant", "card")
        .order_by("pk")
    )
    for booking in bookings.iterator(chunk_size=500):
        completed_on = timezone.localdate(booking.reported_at)
        found = _rules(cache, booking.voucher_account.programme, completed_on)
        if found is None:
            continue
        version, rules = found
        due = domain.invite_on(rules, completed_on)
        if due > today or today > domain.closes_on(rules, due):
            continue
        invited += _invite(booking, version, today, domain.closes_on(rules, today))
    open_invitations = OutcomeInvitation.objects.filter(
        answered_on__isnull=True, closes_on__gte=today, invited_on__lt=today
    ).select_related("rule_version", "booking__participant", "booking__card")
    for invitation in open_invitations.iterator(chunk_size=500):
        reminded += _remind(invitation, today)
    return {"invited": invited, "reminded": reminded}


def _answers(answers: OutcomeAnswers) -> OutcomeAnswers:
    errors: dict[str, str] = {}
    if answers.job_change not in JobChange.values:
        errors["job_change"] = _("Choose what changed in your work.")
    if isinstance(answers.skills_use, bool) or answers.skills_use not in range(1, 6):
        errors["skills_use"] = _("Choose from 1 to 5.")
    if isinstance(answers.recommend, bool) or answers.recommend not in range(0, 11):
        errors["recommend"] = _("Choose from 0 to 10.")
    name = answers.qualification_name.strip()
    if len(name) > MAX_QUALIFICATION:
        errors["qualification_name"] = _("At most %(n)s characters.") % {"n": MAX_QUALIFICATION}
    elif answers.qualification and not name:
        errors["qualification_name"] = _("Say which certificate or qualification you obtained.")
    if errors:
        raise ValidationError(errors)
    return OutcomeAnswers(
        job_change=answers.job_change,
        skills_use=answers.skills_use,
        qualification=answers.qualification,
        qualification_name=name if answers.qualification else "",
        recommend=answers.recommend,
    )


def outcome_survey_submit(
    *, booking_id: int, actor: Actor, answers: OutcomeAnswers, today: date | None = None
) -> OutcomeResponse:
    """Record the participant's anonymous answers to the outcome survey of their booking, once,
    while it is open. Not audited: the invitation records only the day it was answered."""
    clean = _answers(answers)
    today = today or timezone.localdate()
    with transaction.atomic():
        invitation = (
            OutcomeInvitation.objects.select_for_update()
            .select_related("booking__card")
            .get(booking_id=booking_id, participant=actor.user)
        )
        if invitation.answered_on is not None:
            raise ValidationError(_("You have already answered this survey. Thank you."))
        if today > invitation.closes_on:
            raise ValidationError(
                _("This survey closed on %(day)s.") % {"day": f"{invitation.closes_on:%d.%m.%Y}"}
            )
        card = invitation.booking.card
        response = OutcomeResponse.objects.create(
            card=card,
            provider_id=card.provider_id,
            category_id=card.category_id,
            month=today.replace(day=1),
            job_change=clean.job_change,
            skills_use=clean.skills_use,
            qualification=clean.qualification,
            qualification_name=clean.qualification_name,
            recommend=clean.recommend,
        )
        invitation.answered_on = today
        invitation.save(update_fields=["answered_on"])
    return response
