"""The lifecycles of the providers context, declared once with the workflow kit
(:mod:`kierunek.core.workflow`): a provider's registration, decided by a programme officer, and a
bank account, approved by a second person before payouts go to it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Notification, Transition, Workflow

from . import audit_actions as actions
from . import selectors
from .models import BankAccount, BankAccountStatus, Provider, ProviderStatus

OFFICER = Role.OFFICER.value
PROVIDER_STAFF = Role.PROVIDER_STAFF.value


def _provider_staff(provider: Provider) -> list[Any]:
    return selectors.provider_staff_users(provider=provider)


_PROVIDER_DECIDED = Notification(
    subject=gettext_noop("Decision on your provider registration"),
    template="providers/email/provider_decided.txt",
    recipients=_provider_staff,
    context=lambda provider: {"provider": provider},
)

PROVIDER = Workflow(
    name="providers.provider",
    model=Provider,
    states=dict(ProviderStatus.choices),
    transitions=[
        Transition(
            "approve",
            {ProviderStatus.PENDING},
            ProviderStatus.APPROVED,
            roles={OFFICER},
            label=_("approve the provider"),
            audit_action=actions.PROVIDER_APPROVED,
            notification=_PROVIDER_DECIDED,
        ),
        Transition(
            "reject",
            {ProviderStatus.PENDING},
            ProviderStatus.REJECTED,
            roles={OFFICER},
            label=_("reject the provider"),
            audit_action=actions.PROVIDER_REJECTED,
            notification=_PROVIDER_DECIDED,
        ),
    ],
    refusal=lambda provider, transition, state: _("This provider has already been decided on."),
)


_BANK_ACCOUNT_DECIDED = Notification(
    subject=gettext_noop("Decision on your bank account"),
    template="providers/email/bank_account_decided.txt",
    recipients=lambda account: _provider_staff(account.provider),
    context=lambda account: {
        "provider": account.provider,
        "account": account,
        # the hold this approval put on payouts: set by bank_account_decide, not a column
        "hold_until": getattr(account, "hold_until", None),
    },
)

BANK_ACCOUNT = Workflow(
    name="providers.bank_account",
    model=BankAccount,
    states=dict(BankAccountStatus.choices),
    transitions=[
        Transition(
            "approve",
            {BankAccountStatus.PENDING},
            BankAccountStatus.ACTIVE,
            roles={OFFICER},
            label=_("approve the bank account"),
            audit_action=actions.PROVIDER_BANK_ACCOUNT_APPROVED,
            notification=_BANK_ACCOUNT_DECIDED,
        ),
        Transition(
            "reject",
            {BankAccountStatus.PENDING},
            BankAccountStatus.REJECTED,
            roles={OFFICER},
            label=_("reject the bank account"),
            audit_action=actions.PROVIDER_BANK_ACCOUNT_REJECTED,
            notification=_BANK_ACCOUNT_DECIDED,
        ),
        # The account in force gives way when an officer approves a change (bank_account_decide).
        Transition(
            "supersede",
            {BankAccountStatus.ACTIVE},
            BankAccountStatus.SUPERSEDED,
            roles={OFFICER},
            label=_("replace the bank account"),
            audit_action=actions.PROVIDER_BANK_ACCOUNT_SUPERSEDED,
        ),
        # The provider takes back a change nobody has decided on yet (a typo, a wrong account).
        Transition(
            "withdraw",
            {BankAccountStatus.PENDING},
            BankAccountStatus.WITHDRAWN,
            roles={PROVIDER_STAFF},
            label=_("withdraw the bank account change"),
            audit_action=actions.PROVIDER_BANK_ACCOUNT_WITHDRAWN,
        ),
    ],
    refusal=lambda account, transition, state: _("This request has already been decided on."),
    audit_object=lambda account: account.provider,  # the provider's record, as before the kit
)
