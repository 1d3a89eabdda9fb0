"""Every change of metropolitan education, one module per part of the plan, each in one
transaction and audited. Inside the context, code imports the sub-module of its subject."""

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
    "CourseData",
    "InvoiceDetails",
    "consultation_book",
    "consultation_cancel",
    "course_publish",
    "enrolment_cancel",
    "enrolment_create",
    "network_create",
    "network_join",
    "network_material_add",
    "network_meeting_add",
    "slot_publish",
]
