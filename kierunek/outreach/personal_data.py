"""Outreach in a person's data export: the campaign they registered through (they saw it on the
form and could remove it), their entries in a gmina's register of local leaders when linked to
their account, and, for staff, the agreements they coordinate and what they recorded.

Leaders who have no account are contacts of the gmina, not users: they are not in any export; a
leader asks the gmina's coordinator or the office, who erase the details at once when the consent
to be contacted is withdrawn (``services.leader_erase``: only the kind of organisation and the
dates stay). The population figures are about gminas, not people."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import (
    AgreementStatus,
    Campaign,
    CampaignSignup,
    Channel,
    ContactKind,
    GminaAgreement,
    Leader,
    LeaderContact,
    LeaderKind,
    PopulationImport,
)


def outreach_of(*, user: User) -> dict[str, Any]:
    signup = CampaignSignup.objects.select_related("campaign").filter(user=user).first()
    return {
        "campaign": (
            {
                "campaign": signup.campaign.name,
                "code": signup.campaign.code,
                "channel": signup.campaign.channel,
                "registered_at": signup.registered_at.isoformat(),
            }
            if signup
            else None
        ),
        "leader_entries": [
            field_values(
                leader,
                "kind",
                "name",
                "organisation",
                "email",
                "phone",
                "agreed_to",
                "consent_given_on",
                "consent_text_version",
            )
            for leader in Leader.objects.filter(user=user)
        ],
        "agreements_coordinated": [
            field_values(agreement, "gmina", "status", "starts_on", "ends_on")
            for agreement in GminaAgreement.objects.filter(coordinator=user)
        ],
        "recorded": {
            "agreements": GminaAgreement.objects.filter(created_by=user).count(),
            "leaders": Leader.objects.filter(recorded_by=user).count(),
            "contacts": LeaderContact.objects.filter(recorded_by=user).count(),
            "campaigns": Campaign.objects.filter(created_by=user).count(),
            "population_imports": PopulationImport.objects.filter(imported_by=user).count(),
        },
    }


def outreach_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(CampaignSignup.objects.filter(user=user))
    rows += list(Leader.objects.filter(user=user))
    rows += list(GminaAgreement.objects.filter(Q(coordinator=user)))
    return rows


def personal_data_register() -> None:
    """Called from ``OutreachConfig.ready()``."""
    personal_data.register(
        "outreach",
        title=_("Outreach through gminas"),
        collect=outreach_of,
        models=[
            "outreach.CampaignSignup",
            "outreach.Leader",
            "outreach.GminaAgreement",
            "outreach.LeaderContact",
            "outreach.Campaign",
            "outreach.PopulationImport",
            "outreach.ReachRule",
        ],
        labels={
            "campaign": _("The campaign you registered through"),
            "leader_entries": _("Your entries as a local leader"),
            "agreements_coordinated": _("Agreements with gminas you coordinate"),
            "recorded": _("What you recorded (counts)"),
            "agreements": _("Agreements with gminas drafted"),
            "leaders": _("Local leaders recorded"),
            "contacts": _("Contacts with leaders recorded"),
            "campaigns": _("Campaigns created"),
            "population_imports": _("Imports of gminas' population"),
        },
        choices={
            "channel": dict(Channel.choices),
            "kind": {**dict(LeaderKind.choices), **dict(ContactKind.choices)},
            "status": dict(AgreementStatus.choices),
        },
        order=86,
    )
    personal_data.register_owned_rows(outreach_rows)
    personal_data.exclude(
        "outreach.GminaPopulation", reason="adult residents of a gmina, not a person; the import is exported"
    )
    personal_data.exclude(
        "outreach.FirstBooking",
        reason="a view of the database over the person's bookings, which are exported with the vouchers",
    )
    personal_data.exclude(
        "outreach.FirstVouchers",
        reason="a view of the database over the person's voucher accounts, exported with the vouchers",
    )
