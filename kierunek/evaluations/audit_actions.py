"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export.
Answers to the surveys are never audited: they are anonymous."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

COMMENT_APPROVED = audit_action("evaluations.comment_approved", _("survey comment published"))
COMMENT_REJECTED = audit_action("evaluations.comment_rejected", _("survey comment refused"))
COMMENT_WITHDRAWN = audit_action("evaluations.comment_withdrawn", _("survey comment withdrawn"))
COMMENT_REPLY_PUBLISHED = audit_action(
    "evaluations.comment_reply_published", _("provider's reply to a comment published")
)
OUTCOME_SURVEY_INVITED = audit_action(
    "evaluations.outcome_survey_invited", label=_("invited to the outcome survey")
)
OUTCOME_SURVEY_REMINDED = audit_action(
    "evaluations.outcome_survey_reminded", label=_("reminded of the outcome survey")
)
