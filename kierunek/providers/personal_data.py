"""Providers' part of a person's data export: their place in a training provider's staff, and
their entry in the register of quality auditors, if they have either. The providers' own records
(registration, bank accounts, certificates, quality-mark cases) belong to the organisation; the
staff member who acted on them is named there as its author, which is the organisation's record,
so they are declared excluded below with the reason for each."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import Auditor, ProviderMember


def provider_roles_of(*, user: User) -> dict[str, Any]:
    member = ProviderMember.objects.select_related("provider").filter(user=user).first()
    auditor = Auditor.objects.select_related("firm").filter(user=user).first()
    return {
        "provider_membership": None
        if member is None
        else {"provider": member.provider.legal_name, **field_values(member, "is_owner", "joined_at")},
        "auditor_entry": None
        if auditor is None
        else {"firm": auditor.firm.name, **field_values(auditor, "licence_number", "active")},
    }


def provider_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(ProviderMember.objects.filter(user=user))
    rows += Auditor.objects.filter(user=user)
    return rows


ORGANISATION_RECORD = (
    "The provider's or the quality case's own record; the user it points at is the staff member, officer or "
    "auditor who {did}, kept as the organisation's record of who acted. A participant never appears in it."
)


def personal_data_register() -> None:
    """Called from ``ProvidersConfig.ready()``."""
    personal_data.register(
        "provider_roles",
        title=_("Training provider staff and quality auditors"),
        collect=provider_roles_of,
        models=["providers.ProviderMember", "providers.Auditor"],
        labels={
            "provider_membership": _("Member of a training provider's staff"),
            "provider": _("Training provider"),
            "joined_at": _("Joined"),
            "auditor_entry": _("Entry in the register of auditors"),
            "firm": _("Audit firm"),
        },
        order=70,
    )
    personal_data.register_owned_rows(provider_rows)
    for model, did in {
        "providers.Provider": "registered or decided on the provider",
        "providers.BankAccount": "asked for or approved a bank account",
        "providers.Certificate": "uploaded a certificate",
        "providers.QualityMarkCase": "opened or decided the case",
        "providers.SelfAssessmentEntry": "wrote the self-assessment",
        "providers.EvidenceFile": "uploaded the evidence",
        "providers.AuditAssignment": "assigned the auditor (the auditor's own entry in the register "
        "is exported)",
        "providers.MonitoringVisit": "recorded the visit",
        "providers.CaseEvent": "took the step in the case",
    }.items():
        personal_data.exclude(model, reason=ORGANISATION_RECORD.format(did=did))
