"""The services of evaluations, one module per subject: the survey after a service
(:mod:`.survey`), the moderation of its comments and the providers' replies (:mod:`.comments`),
the outcome survey months later (:mod:`.outcome`), and the monitoring visit an officer opens from
the quality overview (:mod:`.monitoring`). Other contexts, the demo and the tests import from here."""

from .comments import comment_approve, comment_reject, comment_reply, comment_withdraw
from .monitoring import monitoring_visit_open
from .outcome import OutcomeAnswers, outcome_invitations_process, outcome_invite, outcome_survey_submit
from .survey import MAX_COMMENT, card_rating_refresh, evaluation_submit

__all__ = [
    "MAX_COMMENT",
    "OutcomeAnswers",
    "card_rating_refresh",
    "comment_approve",
    "comment_reject",
    "comment_reply",
    "comment_withdraw",
    "evaluation_submit",
    "monitoring_visit_open",
    "outcome_invitations_process",
    "outcome_invite",
    "outcome_survey_submit",
]
