"""The audit actions of the diagnosis of training needs (the registry:
:mod:`kierunek.core.audit_registry`)."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

ASSESSMENT_OPENED = audit_action("education.assessment_opened", _("diagnosis of training needs sent out"))
NEEDS_ANSWERED = audit_action("education.needs_answered", _("survey of training needs answered"))
PLAN_LINE_SAVED = audit_action("education.plan_line_saved", _("line of the yearly course plan saved"))
DELIVERY_RECORDED = audit_action("education.delivery_recorded", _("courses delivered recorded"))
