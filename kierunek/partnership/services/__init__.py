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
