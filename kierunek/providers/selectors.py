"""Reads of the providers context, each scoped to what the asking person may see."""

from datetime import date

from django.db.models import Q, QuerySet

from kierunek.accounts.models import Role, User
from kierunek.core.collation import polish_sorted

from .models import BankAccount, BankAccountStatus, Certificate, Provider, ProviderMember, ProviderStatus


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


def providers_for_officer(*, status: str | None = None) -> list[Provider]:
    """Providers (of one status) in Polish alphabetical order of their legal names."""
    providers = Provider.objects.select_related("gmina").order_by("pk")
    return polish_sorted(providers.filter(status=status) if status else providers, key=lambda p: p.legal_name)


def bank_accounts_pending() -> QuerySet[BankAccount]:
    return BankAccount.objects.filter(status="pending").select_related("provider", "requested_by")


def certificates_of(*, provider: Provider) -> QuerySet[Certificate]:
    return provider.certificates.select_related("uploaded_by").all()


def provider_holds_valid_certificate(*, provider: Provider, today: date) -> bool:
    """A certificate accepted instead of the MSUES mark, valid on ``today``."""
    return (
        provider.certificates.filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


def officer_work_counts() -> dict[str, int]:
    """What of this context waits for a programme officer, for the dashboard."""
    return {
        "providers": Provider.objects.filter(status=ProviderStatus.PENDING).count(),
        "bank_accounts": BankAccount.objects.filter(status=BankAccountStatus.PENDING).count(),
    }
