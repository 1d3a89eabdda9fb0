"""Every change of outreach, one module per subject, each in one transaction and audited."""

from .agreements import AgreementData, agreement_draft, agreement_move
from .base import gmina_of_staff, require_gmina_access
from .campaigns import CampaignData, campaign_close, campaign_create, campaign_open_by_code, signup_record
from .leaders import LeaderData, contact_record, leader_erase, leader_register
from .population import population_import

__all__ = [
    "AgreementData",
    "CampaignData",
    "LeaderData",
    "agreement_draft",
    "agreement_move",
    "campaign_close",
    "campaign_create",
    "campaign_open_by_code",
    "contact_record",
    "gmina_of_staff",
    "leader_erase",
    "leader_register",
    "population_import",
    "require_gmina_access",
    "signup_record",
]
