"""Certification after a positive validation: the institution's signer issues the certificate of
the qualification for the sets the candidate passed (``qualifications.certification``, which checks
the signer, the authorisation and the holder). The certificate names this validation as its source,
so one validation gives one certificate (a renewal later is the certificate's own act)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.qualifications.certification import certificate_issue
from kierunek.qualifications.models import Certificate

from .. import domain, selectors
from ..selectors import certificate_of, source_reference
from .common import locked


def validation_certify(*, actor: Actor, validation_id: int) -> Certificate:
    """The signer of the validation's institution issues its certificate: only after the result is
    positive, for the sets passed, once."""
    with transaction.atomic():
        validation = locked(validation_id)
        if validation.status != domain.PASSED:
            raise ValidationError(_("A certificate is issued only after a positive validation."))
        if certificate_of(validation) is not None:
            raise ValidationError(_("The certificate of this validation has already been issued."))
        return certificate_issue(
            actor=actor,
            institution=validation.institution,
            holder=validation.candidate,
            qualification=validation.qualification,
            outcome_sets=selectors.validation_passed_sets(validation),
            source_reference=source_reference(validation.pk),
        )
