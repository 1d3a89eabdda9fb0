"""The lifecycle of this context, declared with the workflow kit (:mod:`kierunek.core.workflow`): a
survey comment's moderation. A comment waits (``pending``) until an officer publishes it on the
card or refuses it with a reason; a published comment can still be withdrawn with a reason. The
author is anonymous, so nobody is e-mailed; every step is audited."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Transition, Workflow

from . import audit_actions as actions
from .models import CommentState, SurveyResponse

OFFICER = Role.OFFICER.value
S = CommentState

COMMENT = Workflow(
    name="evaluations.comment",
    model=SurveyResponse,
    states=dict(CommentState.choices),
    state_field="comment_state",
    transitions=[
        Transition(
            "approve",
            {S.PENDING},
            S.APPROVED,
            roles={OFFICER},
            label=_("publish the comment"),
            audit_action=actions.COMMENT_APPROVED,
        ),
        Transition(
            "reject",
            {S.PENDING},
            S.REJECTED,
            roles={OFFICER},
            label=_("refuse the comment"),
            audit_action=actions.COMMENT_REJECTED,
        ),
        Transition(
            "withdraw",
            {S.APPROVED},
            S.REJECTED,
            roles={OFFICER},
            label=_("withdraw the published comment"),
            audit_action=actions.COMMENT_WITHDRAWN,
        ),
    ],
)
