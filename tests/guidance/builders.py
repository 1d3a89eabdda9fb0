"""Builders for the guidance tests: advisors, eligible participants (through the programmes'
real application services), slots, bookings, and balances taken through the services up to a
plan that is ready to sign or signed."""

import itertools
from datetime import date, datetime, timedelta

from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.catalogue.models import Category
from kierunek.core.actor import Actor
from kierunek.core.calendar import POLISH_HOLIDAYS
from kierunek.core.models import AuditEvent
from kierunek.guidance.domain import Stage
from kierunek.guidance.models import (
    AdvisorSlot,
    Appointment,
    CareerCentre,
    Competence,
    DevelopmentArea,
    DevelopmentPlan,
    Experience,
    PortfolioItem,
    ProfileCompetence,
    StarEvidence,
)
from kierunek.guidance.services import balance as balance_services
from kierunek.guidance.services import experiences as experience_services
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import profile as profile_services
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.programmes.helpers import submitted_application

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def advisor(**kwargs):
    return StaffUserFactory(role=Role.ADVISOR, **kwargs)


def eligible_participant(**kwargs):
    """A participant whose application to the current programme was found eligible (a resident
    of Kraków, employed in Kraków)."""
    participant = ParticipantFactory(**kwargs)
    application = submitted_application(participant, today=timezone.localdate())
    assert application.status == "eligible", application.status
    return participant


def centre(name: str = "Centrum Kariery Kraków") -> CareerCentre:
    return CareerCentre.objects.get(name=name)


_seconds = itertools.count(1)


def working_day_at(hour: int, minute: int = 0, *, days_ahead: int = 2) -> datetime:
    """The first working day (Monday to Friday, no public holiday) at least ``days_ahead`` days
    from today, at ``hour:minute`` local time: within every centre's opening hours by default."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    while day.weekday() >= 5 or day in POLISH_HOLIDAYS:
        day += timedelta(days=1)
    return datetime.combine(
        day, datetime.min.time().replace(hour=hour, minute=minute), tzinfo=timezone.get_current_timezone()
    )


def slot(advisor_user, *, starts_in: timedelta = timedelta(days=3), minutes: int = 60, online: bool = False):
    # A few seconds apart, so that one advisor's slots never share a start (a unique constraint).
    start = (timezone.now() + starts_in).replace(microsecond=0) + timedelta(seconds=next(_seconds))
    return AdvisorSlot.objects.create(
        advisor=advisor_user,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        mode="online" if online else "in_person",
        centre=None if online else centre(),
    )


def past_meeting(advisor_user, participant, *, days_ago: int = 2) -> Appointment:
    """A meeting that took place (no service books the past: written directly)."""
    start = timezone.now() - timedelta(days=days_ago)
    past = AdvisorSlot.objects.create(
        advisor=advisor_user, starts_at=start, ends_at=start + timedelta(hours=1), mode="online"
    )
    return Appointment.objects.create(slot=past, participant=participant)


def competence(label: str) -> Competence:
    return Competence.objects.get(label=label)


def balance_ready_to_sign(advisor_user=None, participant=None):
    """A balance with every stage complete and one area naming its categories."""
    advisor_user = advisor_user or advisor()
    participant = participant or eligible_participant()
    past_meeting(advisor_user, participant)
    balance = balance_services.balance_start(participant_id=participant.pk, actor=Actor.of(advisor_user))
    experience = experience_services.experience_save(
        balance_id=balance.pk,
        actor=Actor.of(advisor_user),
        data=experience_services.ExperienceData(
            kind="work",
            title="Księgowa",
            organisation="Biuro",
            started_on=datetime(2015, 1, 1).date(),
            ended_on=None,
            activities="Zestawienia.",
        ),
    )
    teamwork = competence("pracować w zespole")
    star = experience_services.star_evidence_save(
        balance_id=balance.pk,
        actor=Actor.of(advisor_user),
        data=experience_services.StarData(
            situation="Zaległe dokumenty.",
            task="Podział pracy.",
            action="Grafik.",
            result="W terminie.",
            competence_ids=[teamwork.pk],
            experience_id=experience.pk,
        ),
    )
    profile_services.profile_competence_save(
        balance_id=balance.pk,
        actor=Actor.of(advisor_user),
        data=profile_services.ProfileEntryData(
            competence_id=teamwork.pk,
            dimension="social",
            level=3,
            prk_level=None,
            evidence="",
            star_ids=[star.pk],
        ),
    )
    for stage in (Stage.BIOGRAPHICAL, Stage.BEHAVIOURAL, Stage.PROFILE, Stage.PORTFOLIO):
        balance_services.balance_stage_mark(
            balance_id=balance.pk, stage=stage, done=True, actor=Actor.of(advisor_user)
        )
    plan_services.area_save(
        balance_id=balance.pk,
        actor=Actor.of(advisor_user),
        data=area_data(),
    )
    balance.refresh_from_db()
    return balance


def area_data(**overrides) -> plan_services.AreaData:
    values = {
        "title": "Język angielski w pracy",
        "gap": "A2, potrzebny B1.",
        "goals": "Poziom B1 w rok.",
        "package_kind": "general",
        "category_ids": [Category.objects.get(code="languages_english").pk],
        "keywords": "angielski",
        "priority": 1,
    }
    values.update(overrides)
    return plan_services.AreaData(**values)


def signed_balance(advisor_user=None, participant=None):
    balance = balance_ready_to_sign(advisor_user, participant)
    plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    balance.refresh_from_db()
    balance.plan.refresh_from_db()
    return balance


def snapshot():
    """The appointments, the slots and the size of the audit log: what a refusal leaves as it was."""
    return (
        list(Appointment.objects.order_by("pk").values_list("pk", "status", "slot_id", "moved_to_id")),
        list(AdvisorSlot.objects.order_by("pk").values_list("pk", "withdrawn_at")),
        AuditEvent.objects.count(),
    )


def contents(balance):
    """Everything of a balance and the size of the audit log: what a refusal leaves as it was."""
    return (
        list(Experience.objects.filter(balance=balance).values_list("pk", "title", "ended_on")),
        list(StarEvidence.objects.filter(balance=balance).values_list("pk", "situation")),
        list(ProfileCompetence.objects.filter(balance=balance).values_list("pk", "level")),
        list(PortfolioItem.objects.filter(balance=balance).values_list("pk", "title")),
        list(DevelopmentArea.objects.filter(plan__balance=balance).values_list("pk", "title")),
        list(
            DevelopmentPlan.objects.filter(balance=balance).values_list(
                "status", "signed_at", "acknowledged_at"
            )
        ),
        AuditEvent.objects.count(),
    )


def started_balance():
    adv, participant = advisor(), eligible_participant()
    past_meeting(adv, participant)
    return balance_services.balance_start(participant_id=participant.pk, actor=Actor.of(adv))


def experience(**overrides):
    values = {
        "kind": "informal",
        "title": "Opieka nad mamą",
        "organisation": "",
        "started_on": date(2020, 1, 1),
        "ended_on": date(2022, 6, 30),
        "activities": "Organizacja leczenia i rehabilitacji.",
    }
    values.update(overrides)
    return experience_services.ExperienceData(**values)
