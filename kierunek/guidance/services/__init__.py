"""Every change in career guidance, one module per subject: advisors' ``slots``, participants'
``appointments``, the competence ``balance`` and its ``experiences`` (biographical interview and
STAR examples), ``profile`` and ``portfolio``, the development ``plan``, and the office's
``vocabulary`` entries. Each function takes the ``Actor``, checks who acts, runs in one
transaction, locks what it must, writes the audit record and sends e-mails only after the commit.

Inside guidance, import from the sub-modules; the names below are the ones other contexts use
(the demo seeding, the personal-data tests)."""

from .appointments import appointment_book
from .balance import balance_stage_mark, balance_start
from .experiences import ExperienceData, StarData, experience_save, star_evidence_save
from .plan import AreaData, area_save, plan_sign
from .portfolio import portfolio_file_add
from .profile import ProfileEntryData, profile_competence_save

__all__ = [
    "AreaData",
    "ExperienceData",
    "ProfileEntryData",
    "StarData",
    "appointment_book",
    "area_save",
    "balance_stage_mark",
    "balance_start",
    "experience_save",
    "plan_sign",
    "portfolio_file_add",
    "profile_competence_save",
    "star_evidence_save",
]
