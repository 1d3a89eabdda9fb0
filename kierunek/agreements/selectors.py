"""Reads of agreements, scoped by role and object: the template version in force, a participant's
own agreements, a provider's own, the officer's lists; and the two gates other contexts call (an
order is issued only under an accepted participation agreement; a booking is made only with a
provider whose agreement is in force)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.guidance.models import DevelopmentPlan
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package, Programme, RuleVersion
from kierunek.providers.models import Provider

from . import domain
from .models import Agreement, AgreementEvent, AgreementTemplate, TemplateVersion

SIGNED_PLAN_STATUSES = ("signed", "acknowledged")


# --- templates ---------------------------------------------------------------------------------


def template_version_in_force(*, programme: Programme, kind: str, day: date) -> TemplateVersion | None:
    """The version a new agreement of ``kind`` is made from on ``day``: of those in use that day,
    the one that started last (then the newest)."""
    versions = TemplateVersion.objects.filter(
        template__programme=programme, template__kind=kind, valid_from__lte=day
    ).order_by("-valid_from", "-number")
    for version in versions:
        if domain.version_in_force(version.valid_from, version.valid_until, day):
            return version
    return None


def templates_of(*, programme: Programme) -> list[dict[str, Any]]:
    """Each kind of agreement with its template's versions (newest first) and how many agreements
    each version made: a version that made one is history, never changed."""
    templates = {t.kind: t for t in AgreementTemplate.objects.filter(programme=programme)}
    rows = []
    for kind in domain.KINDS:
        template = templates.get(kind)
        versions = (
            list(TemplateVersion.objects.filter(template=template).order_by("-number"))
            if template is not None
            else []
        )
        used = {
            row["version"]: row["count"]
            for row in Agreement.objects.filter(version__in=versions)
            .values("version")
            .annotate(count=Count("pk"))
        }
        rows.append(
            {"kind": kind, "template": template, "versions": [(v, used.get(v.pk, 0)) for v in versions]}
        )
    return rows


def template_version_get(*, version_id: int) -> TemplateVersion:
    return TemplateVersion.objects.select_related("template__programme").get(pk=version_id)


# --- what is agreed -------------------------------------------------------------------------------


def agreed_rules_in_force(*, programme: Programme, day: date) -> dict[str, RuleVersion]:
    """The version in force on ``day`` of each rule an agreement records."""
    found = {}
    for key in domain.AGREED_RULES:
        try:
            found[key] = programme_selectors.rule_version_on(programme=programme, key=key, day=day)
        except programme_selectors.RuleNotInForce:
            continue
    return found


def plan_package_kinds(*, participant: User) -> set[str]:
    """The package kinds the participant's signed development plan allows (none before signing)."""
    plan = DevelopmentPlan.objects.filter(balance__participant=participant).first()
    if plan is None or plan.status not in SIGNED_PLAN_STATUSES:
        return set()
    return set(plan.areas.values_list("package_kind", flat=True))


def terms_of(agreement: Agreement, *, agreed_only: bool) -> tuple[dict[str, int], set[str]]:
    """The rule versions (by rule) and the packages of a participation agreement as its annexes
    changed them: only those the participant accepted (``agreed_only``), or every one generated."""
    rules = {key: int(value["id"]) for key, value in (agreement.rules or {}).items()}
    packages = set(agreement.packages or [])
    annexes = agreement.annexes.order_by("generated_at", "pk")
    if agreed_only:
        annexes = annexes.filter(status__in=domain.AGREED)
    for annex in annexes:
        rules.update({key: int(value["id"]) for key, value in (annex.rules or {}).items()})
        packages |= set(annex.packages or [])
    return rules, packages


def participation_agreement_of(*, participant: User, programme: Programme) -> Agreement | None:
    return (
        Agreement.objects.filter(kind=domain.PARTICIPATION, participant=participant, programme=programme)
        .select_related("version", "programme")
        .first()
    )


def participation_agreement_check(*, participant_id: int, package: Package) -> None:
    """The gate of issuing vouchers (``vouchers.services.orders.order_issue``): the participant has
    accepted the programme's participation agreement, and it (or an annex they accepted) covers
    ``package``. Raises ``ValidationError`` saying what the participant must do."""
    agreement = (
        Agreement.objects.filter(
            kind=domain.PARTICIPATION, participant_id=participant_id, programme_id=package.programme_id
        )
        .prefetch_related("annexes")
        .first()
    )
    if agreement is None or agreement.status not in domain.AGREED:
        raise ValidationError(
            _(
                "The participant has not accepted the participation agreement yet: vouchers are "
                "issued only after they accept it on their agreement page."
            )
        )
    _rules, packages = terms_of(agreement, agreed_only=True)
    if package.kind not in packages:
        raise ValidationError(
            _(
                "The participant's agreement does not cover this package: they must accept the annex "
                "that adds it first."
            )
        )


# --- provider agreements -----------------------------------------------------------------------


def provider_agreement_in_force(*, provider: Provider, programme: Programme, day: date) -> Agreement | None:
    """The provider's agreement with the programme that allows new bookings on ``day``, if any."""
    for agreement in Agreement.objects.filter(
        kind=domain.PROVIDER,
        provider=provider,
        programme=programme,
        status__in=[domain.COUNTERSIGNED, domain.TERMINATED],
    ).order_by("-generated_at", "-pk"):
        if domain.provider_agreement_in_force(
            status=agreement.status,
            valid_from=agreement.valid_from,
            valid_until=agreement.valid_until,
            no_bookings_after=agreement.no_bookings_after,
            day=day,
        ):
            return agreement
    return None


def provider_agreement_check(*, provider: Provider, programme: Programme, day: date) -> None:
    """The gate of booking with vouchers (``vouchers.services.bookings.booking_create``)."""
    if provider_agreement_in_force(provider=provider, programme=programme, day=day) is None:
        raise ValidationError(
            _(
                "This provider has no agreement with the programme in force, so its services cannot "
                "be booked with vouchers now."
            )
        )


def provider_agreement_live(*, provider: Provider, programme: Programme) -> Agreement | None:
    """The provider's agreement with the programme that is not terminated, if any."""
    return (
        Agreement.objects.filter(kind=domain.PROVIDER, provider=provider, programme=programme)
        .exclude(status=domain.TERMINATED)
        .first()
    )


# --- by audience ---------------------------------------------------------------------------------


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "version", "programme", "participant", "provider", "parent"
    ).defer("pdf")


def agreements_of_participant(*, user: User) -> QuerySet[Agreement]:
    return _agreements().filter(participant=user, kind__in=domain.PARTICIPANT_KINDS)


def agreement_of_participant(*, user: User, agreement_id: int) -> Agreement:
    """Raises ``Agreement.DoesNotExist`` for anybody else's."""
    return agreements_of_participant(user=user).get(pk=agreement_id)


def agreements_of_provider(*, provider: Provider) -> QuerySet[Agreement]:
    return _agreements().filter(provider=provider, kind=domain.PROVIDER)


def agreement_of_provider(*, provider: Provider, agreement_id: int) -> Agreement:
    return agreements_of_provider(provider=provider).get(pk=agreement_id)


OFFICER_FILTERS = (domain.AWAITING, domain.ACCEPTED, domain.COUNTERSIGNED, domain.TERMINATED)


def agreements_for_officer(*, kind: str = "", status: str = "") -> QuerySet[Agreement]:
    agreements = _agreements()
    if kind in domain.KINDS:
        agreements = agreements.filter(kind=kind)
    if status in OFFICER_FILTERS:
        agreements = agreements.filter(status=status)
    return agreements


def agreement_for_officer(*, agreement_id: int) -> Agreement:
    return _agreements().get(pk=agreement_id)


def agreement_pdf(*, agreement: Agreement) -> bytes:
    """The stored PDF's bytes (deferred in lists)."""
    return bytes(Agreement.objects.values_list("pdf", flat=True).get(pk=agreement.pk))


def agreement_events(*, agreement: Agreement) -> QuerySet[AgreementEvent]:
    return AgreementEvent.objects.filter(agreement=agreement).select_related("actor")


def awaiting_count_of_participant(*, user: User) -> int:
    return agreements_of_participant(user=user).filter(status=domain.AWAITING).count()


def officer_work_counts() -> dict[str, int]:
    """Agreements accepted and waiting for the countersignature, and provider agreements awaiting
    the provider."""
    return {
        "to_countersign": Agreement.objects.filter(status=domain.ACCEPTED).count(),
        "providers_awaiting": Agreement.objects.filter(kind=domain.PROVIDER, status=domain.AWAITING).count(),
    }
