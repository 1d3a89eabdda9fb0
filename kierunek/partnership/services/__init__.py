"""Every change of the partnership, one module per subject, each in one transaction and audited:
institutions (and their staff), memberships, directory entries and good practices."""

from .entries import entry_create, entry_update
from .institutions import institution_create, institution_staff_link, institution_update
from .memberships import membership_admit, membership_apply, membership_end
from .practices import practice_review, practice_save, practice_submit

__all__ = [
    "entry_create",
    "entry_update",
    "institution_create",
    "institution_staff_link",
    "institution_update",
    "membership_admit",
    "membership_apply",
    "membership_end",
    "practice_review",
    "practice_save",
    "practice_submit",
]

# Bodies and groups (decision 0020).
from .bodies import body_create, body_update, member_add, member_leave, term_add
from .meetings import MeetingData, decision_move, decision_record, meeting_schedule, minutes_attach
from .products import (
    product_create,
    product_publish,
    product_review,
    product_submit,
    product_version_add,
)

__all__ += [
    "MeetingData",
    "body_create",
    "body_update",
    "decision_move",
    "decision_record",
    "meeting_schedule",
    "member_add",
    "member_leave",
    "minutes_attach",
    "product_create",
    "product_publish",
    "product_review",
    "product_submit",
    "product_version_add",
    "term_add",
]
