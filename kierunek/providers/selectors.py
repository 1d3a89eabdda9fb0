"""Reads of the providers context, each scoped to what the asking person may see."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from kierunek.accounts.models import Role, User

from .domain import CaseState
from .models import BankAccount, Certificate, Provider, ProviderMember, ProviderStatus, QualityMarkCase


def provider_for_member(*, user: User) -> Provider | None:
    """The provider a provider-staff account works for, or None (not yet registered)."""
    if user.role != Role.PROVIDER_STAFF:
        return None
    membership = (
        ProviderMember.objects.select_related("provider", "provider__gmina").filter(user=user).first()
    )
    return membership.provider if membership else None


def is_provider_member(*, user: User, provider: Provider) -> bool:
    return ProviderMember.objects.filter(user=user, provider=provider).exists()


def provider_staff_users(*, provider: Provider) -> list[User]:
    """The active accounts of a provider's staff: whom to tell about its affairs."""
    return [member.user for member in provider.members.select_related("user") if member.user.is_active]


def active_officers() -> list[User]:
    return list(User.objects.filter(role=Role.OFFICER, is_active=True))


def provider_is_owner(*, user: User, provider: Provider) -> bool:
    return ProviderMember.objects.filter(user=user, provider=provider, is_owner=True).exists()


def providers_for_officer(*, status: str | None = None) -> QuerySet[Provider]:
    providers = Provider.objects.select_related("gmina").order_by("legal_name")
    return providers.filter(status=status) if status else providers


def bank_accounts_pending() -> QuerySet[BankAccount]:
    return BankAccount.objects.filter(status="pending").select_related("provider", "requested_by")


def certificates_of(*, provider: Provider) -> QuerySet[Certificate]:
    return provider.certificates.select_related("uploaded_by").all()


def current_case(*, provider: Provider) -> QualityMarkCase | None:
    """The newest case of a provider (open, or the mark it holds), if any."""
    return provider.quality_cases.order_by("-created_at").first()


def register_entries(
    *, q: str = "", nip: str = "", gmina_teryt: str = "", state: str = "", today: date
) -> QuerySet[QualityMarkCase]:
    """The public register of quality-mark holders: every case that was ever granted (valid,
    suspended, withdrawn, expired), newest first, with its provider and history."""
    cases = (
        QualityMarkCase.objects.filter(valid_from__isnull=False)
        .select_related("provider", "provider__gmina")
        .prefetch_related("events")
        .order_by("provider__legal_name", "-valid_from")
    )
    if q:
        cases = cases.filter(Q(provider__legal_name__icontains=q) | Q(provider__short_name__icontains=q))
    if nip:
        cases = cases.filter(provider__nip=nip)
    if gmina_teryt:
        cases = cases.filter(provider__gmina__teryt=gmina_teryt)
    if state:
        cases = cases.filter(state=state)
    return cases


def providers_holding_valid_mark(*, today: date) -> QuerySet[QualityMarkCase, Any]:
    """The ids (``provider_id``) of the providers that hold a valid MSUES mark on ``today``, as a
    subquery for filtering lists of services; the same rule as :func:`provider_holds_valid_mark`."""
    return (
        QualityMarkCase.objects.filter(state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today)
        .order_by()
        .values("provider_id")
    )


def provider_valid_mark(*, provider: Provider, today: date) -> QualityMarkCase | None:
    """The MSUES mark ``provider`` holds on ``today`` (the one valid longest), or None."""
    return (
        provider.quality_cases.filter(state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today)
        .order_by("-valid_until")
        .first()
    )


def provider_holds_valid_mark(*, provider: Provider, today: date) -> bool:
    return provider.quality_cases.filter(
        state=CaseState.GRANTED, valid_from__lte=today, valid_until__gte=today
    ).exists()


def provider_meets_quality_requirement(*, provider: Provider, today: date) -> bool:
    """May sell services for vouchers: approved, and a valid MSUES mark or a valid accepted
    certificate."""
    if provider.status != ProviderStatus.APPROVED:
        return False
    if provider_holds_valid_mark(provider=provider, today=today):
        return True
    return (
        provider.certificates.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


def officer_work_counts() -> dict[str, int]:
    """What waits for a programme officer, for the dashboard."""
    return {
        "providers": Provider.objects.filter(status=ProviderStatus.PENDING).count(),
        "bank_accounts": BankAccount.objects.filter(status="pending").count(),
        "cases": QualityMarkCase.objects.filter(
            state__in=[CaseState.AWAITING_AUDIT, CaseState.AUDIT_REPORTED]
        ).count(),
    }
