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
from .training import (
    CourseData,
    InvoiceDetails,
    consultation_book,
    consultation_cancel,
    course_publish,
    enrolment_cancel,
    enrolment_create,
    network_create,
    network_join,
    network_material_add,
    network_meeting_add,
    slot_publish,
)

__all__ = [
    "ActivityData",
    "CourseData",
    "FundingSourceData",
    "InvoiceDetails",
    "MaterialData",
    "budget_save",
    "budget_spending_record",
    "career_activity_book",
    "career_activity_publish",
    "career_plan_save",
    "centre_event_link",
    "centre_register",
    "consultation_book",
    "consultation_cancel",
    "course_publish",
    "enrolment_cancel",
    "enrolment_create",
    "funding_alerts_send",
    "funding_source_create",
    "funding_source_update",
    "funding_subscription_save",
    "guidelines_publish",
    "material_download_count",
    "material_resubmit",
    "material_review",
    "material_submit",
    "network_create",
    "network_join",
    "network_material_add",
    "network_meeting_add",
    "slot_publish",
]
