"""The quality mark's part of a person's data export: their place in a training provider's staff
and their entry in the register of quality auditors, if they have either (one part, as before the
quality mark became its own context: this context sees both). The quality-mark cases and what
hangs on them belong to the organisation; the person who acted on them is named there as its
author, which is the organisation's record, so they are declared excluded below with the reason
for each."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values
from kierunek.providers.models import ProviderMember
from kierunek.providers.personal_data import ORGANISATION_RECORD

from .models import Auditor


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


def personal_data_register() -> None:
    """Called from ``QualityConfig.ready()``."""
    personal_data.register(
        "provider_roles",
        title=_("Training provider staff and quality auditors"),
        collect=provider_roles_of,
        models=["providers.ProviderMember", "quality.Auditor"],
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
        "quality.QualityMarkCase": "opened or decided the case",
        "quality.SelfAssessmentEntry": "wrote the self-assessment",
        "quality.EvidenceFile": "uploaded the evidence",
        "quality.AuditAssignment": "assigned the auditor (the auditor's own entry in the register "
        "is exported)",
        "quality.MonitoringVisit": "recorded the visit",
        "quality.CaseEvent": "took the step in the case",
    }.items():
        personal_data.exclude(model, reason=ORGANISATION_RECORD.format(did=did))
