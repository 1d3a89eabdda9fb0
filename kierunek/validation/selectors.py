"""Reads of validation, scoped by who asks: a candidate sees their own validations; the staff of a
certifying institution see that institution's only, each by their functions there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kierunek.accounts.models import User
from kierunek.core.collation import polish_sorted
from kierunek.guidance.models import DevelopmentArea, PortfolioItem
from kierunek.qualifications.models import (
    Authorisation,
    Certificate,
    CertificationStaff,
    CertifyingInstitution,
    LearningOutcome,
    OutcomeSet,
    Qualification,
    StaffFunction,
)

from . import domain
from .models import ExamSession, Seat, SetResult, Validation, ValidationStatus


def authorised_institutions(
    qualification: Qualification, *, on: date | None = None
) -> list[CertifyingInstitution]:
    """The institutions authorised to certify ``qualification`` on the day (today)."""
    day = on or timezone.localdate()
    ids = Authorisation.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        qualification=qualification,
        valid_from__lte=day,
    ).values_list("institution_id", flat=True)
    return polish_sorted(CertifyingInstitution.objects.filter(pk__in=ids), key=lambda i: i.name)


def is_authorised(institution: CertifyingInstitution, qualification: Qualification) -> bool:
    return any(i.pk == institution.pk for i in authorised_institutions(qualification))


def functions_of(*, user: User, institution_id: int) -> set[str]:
    """The active functions ``user`` holds at the institution."""
    return set(
        CertificationStaff.objects.filter(user=user, institution_id=institution_id, active=True).values_list(
            "function", flat=True
        )
    )


def staff_institution_ids(*, user: User) -> set[int]:
    return set(
        CertificationStaff.objects.filter(user=user, active=True).values_list("institution_id", flat=True)
    )


def staff_with(*, institution_id: int, function: str) -> list[User]:
    """The active staff of the institution holding ``function``, in Polish order of the name."""
    users = User.objects.filter(
        certification_functions__institution_id=institution_id,
        certification_functions__function=function,
        certification_functions__active=True,
    ).distinct()
    return polish_sorted(users, key=lambda u: (u.last_name, u.first_name))


def _with_related(queryset: QuerySet[Validation]) -> QuerySet[Validation]:
    return queryset.select_related("candidate", "institution", "qualification", "advisor")


def validations_of_candidate(*, user: User) -> QuerySet[Validation]:
    return _with_related(Validation.objects.filter(candidate=user))


def validation_of_candidate(*, user: User, validation_id: int) -> Validation:
    """The candidate's own validation; another's does not exist for them."""
    return validations_of_candidate(user=user).get(pk=validation_id)


def validations_of_staff(*, user: User, status: str = "") -> QuerySet[Validation]:
    """The validations at the institutions where ``user`` works."""
    found = Validation.objects.filter(institution_id__in=staff_institution_ids(user=user))
    if status:
        found = found.filter(status=status)
    return _with_related(found)


def validation_of_staff(*, user: User, validation_id: int) -> Validation:
    return validations_of_staff(user=user).get(pk=validation_id)


@dataclass
class Waiting:
    """What waits for a staff member, by function: applications to accept, candidates they advise
    in identification or documentation, candidates in verification to seat or assess, appeals."""

    applications: list[Validation] = field(default_factory=list)
    advising: list[Validation] = field(default_factory=list)
    assessing: list[Validation] = field(default_factory=list)
    appeals: list[Validation] = field(default_factory=list)
    sessions: list[ExamSession] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.applications) + len(self.advising) + len(self.assessing) + len(self.appeals)


def waiting_for(*, user: User) -> Waiting:
    waiting = Waiting()
    links = CertificationStaff.objects.filter(user=user, active=True)
    for institution_id in {link.institution_id for link in links}:
        functions = {link.function for link in links if link.institution_id == institution_id}
        here = _with_related(Validation.objects.filter(institution_id=institution_id))
        waiting.applications += list(here.filter(status=domain.APPLIED))
        if StaffFunction.ADVISOR in functions:
            waiting.advising += list(
                here.filter(advisor=user, status__in=[domain.IDENTIFICATION, domain.DOCUMENTATION])
            )
        if StaffFunction.ASSESSOR in functions:
            waiting.assessing += list(here.filter(status=domain.VERIFICATION).exclude(advisor=user))
            waiting.sessions += list(
                ExamSession.objects.filter(
                    commission__assessor=user, starts_at__gte=timezone.now() - timedelta(days=30)
                ).select_related("qualification")
            )
        if StaffFunction.SIGNER in functions:
            waiting.appeals += list(here.filter(status=domain.APPEALED))
    return waiting


def outcome_sets_of(qualification: Qualification) -> list[OutcomeSet]:
    return list(qualification.outcome_sets.prefetch_related("outcomes").order_by("position", "pk"))


def outcomes_of(qualification: Qualification) -> list[LearningOutcome]:
    return list(
        LearningOutcome.objects.filter(outcome_set__qualification=qualification).order_by(
            "outcome_set__position", "outcome_set__pk", "position", "pk"
        )
    )


def results_of(validation: Validation) -> list[tuple[int, bool]]:
    return list(SetResult.objects.filter(validation=validation).values_list("outcome_set_id", "passed"))


def validation_passed_sets(validation: Validation) -> list[OutcomeSet]:
    """The outcome sets the candidate passed (in any session): for a ``passed`` validation, every
    set of the qualification. What the certificate's issuer names on the certificate."""
    passed = domain.sets_passed(results_of(validation))
    return [s for s in outcome_sets_of(validation.qualification) if s.pk in passed]


def sets_to_sit(validation: Validation) -> list[OutcomeSet]:
    """The sets the candidate has still to sit (not passed yet), in the qualification's order."""
    sets = outcome_sets_of(validation.qualification)
    left = set(domain.sets_to_sit([s.pk for s in sets], results_of(validation)))
    return [s for s in sets if s.pk in left]


def sessions_open_for(validation: Validation) -> list[ExamSession]:
    """Sessions of the validation's institution and qualification still to come, with a free seat,
    where the candidate has no seat yet."""
    sessions = (
        ExamSession.objects.filter(
            institution=validation.institution,
            qualification=validation.qualification,
            starts_at__gt=timezone.now(),
        )
        .exclude(seat_list__validation=validation)
        .annotate(taken=Count("seat_list", distinct=True))
        .order_by("starts_at", "pk")
    )
    return [s for s in sessions if s.taken < s.seats]


def sessions_of_staff(*, user: User) -> QuerySet[ExamSession]:
    return (
        ExamSession.objects.filter(institution_id__in=staff_institution_ids(user=user))
        .select_related("qualification", "institution")
        .annotate(taken=Count("seat_list", distinct=True))
        .order_by("-starts_at", "-pk")
    )


def session_of_staff(*, user: User, session_id: int) -> ExamSession:
    return sessions_of_staff(user=user).get(pk=session_id)


def seats_of(session: ExamSession) -> list[Seat]:
    return list(
        session.seat_list.select_related("validation__candidate", "validation__advisor")
        .prefetch_related("results")
        .order_by("pk")
    )


def commission_of(session: ExamSession) -> list[User]:
    return [member.assessor for member in session.commission.select_related("assessor").order_by("pk")]


def portfolio_of(candidate: User) -> list[PortfolioItem]:
    """The items of the candidate's competence-balance portfolio (none without a balance)."""
    return list(PortfolioItem.objects.filter(balance__participant=candidate).order_by("added_at", "pk"))


def plan_area_of(*, candidate: User, area_id: int) -> DevelopmentArea:
    """An area of the candidate's own development plan (DoesNotExist for another's)."""
    return DevelopmentArea.objects.select_related("plan__balance", "qualification").get(
        pk=area_id, plan__balance__participant=candidate
    )


def status_label(status: str) -> str:
    return str(ValidationStatus(status).label)


def source_reference(validation_id: int) -> str:
    """How a certificate names the validation it was issued after."""
    return f"validation:{validation_id}"


def certificate_of(validation: Validation) -> Certificate | None:
    """The certificate issued after ``validation``, if any (the newest, were one ever renewed)."""
    return (
        Certificate.objects.filter(source_reference=source_reference(validation.pk))
        .select_related("qualification", "institution")
        .order_by("-pk")
        .first()
    )
