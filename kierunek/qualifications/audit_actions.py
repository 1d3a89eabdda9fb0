"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`)."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

QUALIFICATION_CREATED = audit_action(
    "qualifications.qualification_created", _("qualification entered in the register")
)
QUALIFICATION_CHANGED = audit_action("qualifications.qualification_changed", _("qualification changed"))
QUALIFICATIONS_IMPORTED = audit_action(
    "qualifications.qualifications_imported", _("qualifications imported into the register")
)
CERTIFICATE_ISSUED = audit_action(
    "qualifications.certificate_issued", _("certificate of a qualification issued")
)
CERTIFICATE_RENEWED = audit_action(
    "qualifications.certificate_renewed", _("certificate of a qualification renewed")
)
CERTIFICATE_REVOKED = audit_action(
    "qualifications.certificate_revoked", _("certificate of a qualification revoked")
)
CERTIFICATE_CONSENT_CHANGED = audit_action(
    "qualifications.certificate_consent_changed", _("name shown on certificate verification changed")
)
CERTIFICATE_LOOKUP_FAILED = audit_action(
    "qualifications.certificate_lookup_failed", _("unknown certificate code looked up")
)
INSTITUTION_REGISTERED = audit_action(
    "qualifications.institution_registered", _("certifying institution registered")
)
AUTHORISATION_GRANTED = audit_action(
    "qualifications.authorisation_granted", _("institution authorised to certify a qualification")
)
STAFF_FUNCTION_ADDED = audit_action(
    "qualifications.staff_function_added", _("function at a certifying institution given")
)
STAFF_FUNCTION_ENDED = audit_action(
    "qualifications.staff_function_ended", _("function at a certifying institution ended")
)
