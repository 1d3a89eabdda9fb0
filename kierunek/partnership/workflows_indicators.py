"""The lifecycle of a year's recognition list (decision 0023), declared with the kit::

    draft ─approve→ published ─reopen→ draft

The office computes the list as a draft (again, as often as it likes), approves it, and only then
is it on the public page; a published list taken back for a correction is a draft again, with the
reason in the audit log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Transition, Workflow

from . import domain_indicators as rules
from .audit_actions import RECOGNITION_APPROVED, RECOGNITION_REOPENED
from .models_indicators import RecognitionList, RecognitionListStatus

OFFICER = Role.OFFICER.value


def _refusal(recognition: Any, transition: Transition, state: str) -> Any:
    return _("This recognition list is %(status)s: that cannot be done now.") % {
        "status": RecognitionListStatus(state).label if state in RecognitionListStatus.values else state
    }


RECOGNITION = Workflow(
    name="partnership.recognition_list",
    model=RecognitionList,
    states=dict(RecognitionListStatus.choices),
    refusal=_refusal,
    transitions=[
        Transition(
            "approve",
            {rules.DRAFT},
            rules.PUBLISHED,
            roles={OFFICER},
            label=_("approve and publish the recognition list"),
            audit_action=RECOGNITION_APPROVED,
        ),
        Transition(
            "reopen",
            {rules.PUBLISHED},
            rules.DRAFT,
            roles={OFFICER},
            label=_("take the recognition list back for correction"),
            audit_action=RECOGNITION_REOPENED,
        ),
    ],
)
