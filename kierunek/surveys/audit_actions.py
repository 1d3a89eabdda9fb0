"""The audit actions of the survey engine (the registry: :mod:`kierunek.core.audit_registry`).
An anonymous response is audited against the survey, never against the response."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

SURVEY_CREATED = audit_action("surveys.survey_created", _("survey created"))
SURVEY_CHANGED = audit_action("surveys.survey_changed", _("survey dates or threshold changed"))
RESPONSE_SUBMITTED = audit_action("surveys.response_submitted", _("survey answered"))
TOKENS_ISSUED = audit_action("surveys.tokens_issued", _("one-time survey links issued"))
RESULTS_EXPORTED = audit_action("surveys.results_exported", _("survey results exported"))
