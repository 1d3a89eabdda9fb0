"""Reads of the programmes context: the current programme, its packages, the rule versions in force
on a day (parsed into the domain's dataclasses), and applications scoped to who asks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kierunek.accounts.models import User

from . import domain, domain_confirmation
from .appeal_rules import AppealRules, appeal_rules_from
from .complaint_rules import ComplaintRules, complaint_rules_from
from .contribution_rules import ContributionRules, contribution_rules_from
from .hours_rules import HoursRules, hours_rules_from
from .models import (
    ADMITTED_STATUSES,
    Application,
    ApplicationStatus,
    ConsentKind,
    Package,
    Programme,
    ProgrammeConsent,
    ProgrammeStatus,
    RuleVersion,
)
from .outcome_survey_rules import OutcomeSurveyRules, outcome_survey_rules_from
from .service_type_rules import ServiceTypeRules, service_type_rules_from

DEMO_PROGRAMME_CODE = "kierunek-kariera"


class RuleNotInForce(LookupError):
    """No version of a rule is in force on the day asked for (before the first version)."""


def programme_current(*, today: date | None = None) -> Programme | None:
    """The running programme people apply to now: active and not ended on ``today``, the one
    that started last. With the shipped data, "Kierunek Kariera" (``kierunek-kariera``)."""
    today = today or timezone.localdate()
    return (
        Programme.objects.filter(status=ProgrammeStatus.ACTIVE, starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on", "pk")
        .first()
    )


def programme_get(*, code: str) -> Programme:
    """Raises ``Programme.DoesNotExist``."""
    return Programme.objects.get(code=code)


def packages_of(*, programme: Programme) -> list[Package]:
    """The packages of a programme, general first."""
    return sorted(programme.packages.all(), key=lambda p: (p.kind != "general", p.kind))


def rule_version_on(*, programme: Programme, key: str, day: date) -> RuleVersion:
    """The version of rule ``key`` in force on ``day``: the latest with ``valid_from <= day``.
    Raises ``RuleNotInForce``."""
    version = (
        RuleVersion.objects.filter(programme=programme, key=key, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )
    if version is None:
        raise RuleNotInForce(f"No {key} rule of {programme.code} is in force on {day:%Y-%m-%d}.")
    return version


def rule_versions_of(*, programme: Programme) -> dict[str, list[RuleVersion]]:
    """Every version of every rule, newest first per rule, keyed by rule."""
    versions: dict[str, list[RuleVersion]] = {key: [] for key in domain.RULE_KEYS}
    for version in RuleVersion.objects.filter(programme=programme).order_by("key", "-valid_from"):
        versions.setdefault(version.key, []).append(version)
    return versions


def voucher_unit_on(*, programme: Programme, day: date) -> int:
    """Grosze one voucher is worth on ``day``. Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_VOUCHER_UNIT, day=day)
    return domain.voucher_unit_from(version.value)


def consumption_rules_on(*, programme: Programme, day: date) -> domain.ConsumptionRules:
    """The consumption rule in force on ``day`` with the voucher unit in force that day.
    ``decision_ref`` and ``valid_from`` are those of the consumption rule. Raises
    ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_CONSUMPTION, day=day)
    return domain.consumption_rules_from(
        version.value,
        voucher_unit=voucher_unit_on(programme=programme, day=day),
        valid_from=version.valid_from,
        decision_ref=version.decision_ref,
    )


def eligibility_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, domain.EligibilityRules]:
    """The eligibility rule version in force on ``day`` and its parsed form. Raises
    ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_ELIGIBILITY, day=day)
    rules = domain.eligibility_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def booking_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, domain.BookingRules]:
    """The booking rule version in force on ``day`` and its parsed form. Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_BOOKING, day=day)
    rules = domain.booking_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def hours_rules_on(*, programme: Programme, day: date) -> HoursRules:
    """How hours are counted from sessions on ``day`` (the hours rule in force), with its
    ``valid_from`` and ``decision_ref``. Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_HOURS, day=day)
    return hours_rules_from(version.value, valid_from=version.valid_from, decision_ref=version.decision_ref)


def appeal_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, AppealRules]:
    """The appeal rule version in force on ``day`` (the day of the decision) and its parsed form.
    Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_APPEAL, day=day)
    rules = appeal_rules_from(version.value, valid_from=version.valid_from, decision_ref=version.decision_ref)
    return version, rules


def confirmation_rules_on(
    *, programme: Programme, day: date
) -> tuple[RuleVersion, domain_confirmation.ConfirmationRules]:
    """The confirmation rule version in force on ``day`` (deadlines to confirm and rate a completed
    service, reminders, what follows them) and its parsed form. Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_CONFIRMATION, day=day)
    rules = domain_confirmation.confirmation_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def outcome_survey_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, OutcomeSurveyRules]:
    """The outcome-survey rule version in force on ``day`` and its parsed form. Raises
    ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_OUTCOME_SURVEY, day=day)
    rules = outcome_survey_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def complaints_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, ComplaintRules]:
    """The complaints rule version in force on ``day`` and its parsed form. Raises ``RuleNotInForce``."""
    version = rule_version_on(programme=programme, key=domain.RULE_COMPLAINTS, day=day)
    rules = complaint_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def contribution_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, ContributionRules] | None:
    """The own-contribution rule version in force on ``day`` and its parsed form, or None where
    the programme asks no contribution (no version in force): unlike the other rules, a programme
    may do without this one."""
    try:
        version = rule_version_on(programme=programme, key=domain.RULE_CONTRIBUTION, day=day)
    except RuleNotInForce:
        return None
    rules = contribution_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def service_type_rules_on(*, programme: Programme, day: date) -> tuple[RuleVersion, ServiceTypeRules] | None:
    """The service types rule version in force on ``day`` and its parsed form, or None before the
    programme's first version (then the kinds it always paid for are paid:
    ``service_type_rules.BEFORE_THE_RULE``)."""
    try:
        version = rule_version_on(programme=programme, key=domain.RULE_SERVICE_TYPES, day=day)
    except RuleNotInForce:
        return None
    rules = service_type_rules_from(
        version.value, valid_from=version.valid_from, decision_ref=version.decision_ref
    )
    return version, rules


def package_values_on(*, programme: Programme, day: date) -> list[tuple[Package, int]]:
    """Each package with its value in grosze on ``day`` (vouchers x the unit in force)."""
    unit = voucher_unit_on(programme=programme, day=day)
    return [(package, package.vouchers * unit) for package in packages_of(programme=programme)]


# --- applications ----------------------------------------------------------------------------


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "programme",
        "participant",
        "participant__participant_profile",
        "residence_gmina__powiat",
        "work_gmina__powiat",
        "rule_version",
    )


def current_application(*, user: User, programme: Programme | None = None) -> Application | None:
    """The user's application to ``programme`` (default: the current programme), or None."""
    programme = programme or programme_current()
    if programme is None or not user.is_authenticated:
        return None
    return _applications().filter(participant=user, programme=programme).first()


def participant_is_eligible(*, user: User) -> bool:
    """True when the user's application to the current programme is eligible or accepted."""
    application = current_application(user=user)
    return application is not None and application.status in ADMITTED_STATUSES


def applications_of(*, user: User) -> QuerySet[Application]:
    """All applications of one participant (every programme), newest first."""
    return _applications().filter(participant=user).order_by("-created_at", "-id")


def applications_for_officer(*, status: str | None) -> QuerySet[Application]:
    """Applications submitted to any programme, for an officer's list. ``status`` None means all
    but drafts (a draft is the participant's own until they submit it)."""
    applications = _applications().exclude(status=ApplicationStatus.DRAFT)
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("submitted_at", "id")


def application_for_officer(*, application_id: int) -> Application:
    """One submitted application. Raises ``Application.DoesNotExist`` (also for drafts)."""
    return applications_for_officer(status=None).get(pk=application_id)


def application_events(*, application: Application) -> QuerySet[Any]:
    return application.events.select_related("actor", "rule_version").order_by("occurred_at", "id")


def review_queue_count() -> int:
    return Application.objects.filter(status=ApplicationStatus.MANUAL_REVIEW).count()


# --- consents --------------------------------------------------------------------------------


def active_consents(*, user: User, programme: Programme) -> dict[str, ProgrammeConsent]:
    """The consents in force, by kind."""
    return {
        consent.kind: consent
        for consent in ProgrammeConsent.objects.filter(
            user=user, programme=programme, withdrawn_at__isnull=True
        )
    }


def consent_history(*, user: User) -> QuerySet[ProgrammeConsent]:
    return ProgrammeConsent.objects.filter(user=user).select_related("programme").order_by("-given_at", "-id")


def has_processing_consent(*, user: User, programme: Programme) -> bool:
    return ProgrammeConsent.objects.filter(
        user=user, programme=programme, kind=ConsentKind.PROCESSING, withdrawn_at__isnull=True
    ).exists()
