"""Services of metropolitan education, one module per part of the plan."""

from .career import ActivityData, career_activity_book, career_activity_publish, career_plan_save
from .centres import centre_event_link, centre_register, guidelines_publish
from .funding import (
    FundingSourceData,
    budget_save,
    budget_spending_record,
    funding_alerts_send,
    funding_source_create,
    funding_source_update,
    funding_subscription_save,
)
from .materials import (
    MaterialData,
    material_download_count,
    material_resubmit,
    material_review,
    material_submit,
)

__all__ = [
    "ActivityData",
    "FundingSourceData",
    "MaterialData",
    "budget_save",
    "budget_spending_record",
    "career_activity_book",
    "career_activity_publish",
    "career_plan_save",
    "centre_event_link",
    "centre_register",
    "funding_alerts_send",
    "funding_source_create",
    "funding_source_update",
    "funding_subscription_save",
    "guidelines_publish",
    "material_download_count",
    "material_resubmit",
    "material_review",
    "material_submit",
]
