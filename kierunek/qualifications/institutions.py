"""The office's register of certifying institutions: an institution, its authorisations to certify
qualifications, and the functions of its staff (advisor, assessor, signer). Only officers (or the
system, for the demo) change it; a staff account must have the certifying-institution staff role.
The validation context's office pages call these services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from .audit_actions import (
    AUTHORISATION_GRANTED,
    INSTITUTION_REGISTERED,
    STAFF_FUNCTION_ADDED,
    STAFF_FUNCTION_ENDED,
)
from .models import Authorisation, CertificationStaff, CertifyingInstitution, Qualification, StaffFunction
from .services import require_editor

INSTITUTION_FIELDS = ("name", "nip", "provider", "gmina", "address", "email", "phone")


def institution_register(*, actor: Actor, data: dict[str, Any]) -> CertifyingInstitution:
    """A new certifying institution (``data``: the fields of INSTITUTION_FIELDS)."""
    require_editor(actor)
    values = {name: data.get(name) for name in INSTITUTION_FIELDS}
    if not str(values["name"] or "").strip():
        raise ValidationError({"name": _("Give the institution's name.")})
    for text in ("name", "nip", "address", "email", "phone"):
        values[text] = str(values[text] or "").strip()
    with transaction.atomic():
        institution = CertifyingInstitution.objects.create(**values)
        audit_record(action=INSTITUTION_REGISTERED, actor=actor, obj=institution)
    return institution


def authorisation_grant(
    *,
    actor: Actor,
    institution_id: int,
    qualification_code: str,
    valid_from: date,
    valid_until: date | None = None,
) -> Authorisation:
    """Authorise the institution to certify a qualification of the register (once per pair)."""
    require_editor(actor)
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The authorisation cannot end before it starts.")})
    with transaction.atomic():
        institution = CertifyingInstitution.objects.select_for_update().get(pk=institution_id)
        qualification = Qualification.objects.filter(code=qualification_code.strip().upper()).first()
        if qualification is None:
            raise ValidationError({"qualification": _("The register has no qualification with this code.")})
        if Authorisation.objects.filter(institution=institution, qualification=qualification).exists():
            raise ValidationError(
                {"qualification": _("The institution is already authorised for this qualification.")}
            )
        authorisation = Authorisation.objects.create(
            institution=institution,
            qualification=qualification,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        audit_record(
            action=AUTHORISATION_GRANTED,
            actor=actor,
            obj=institution,
            details={"qualification": qualification.code},
        )
    return authorisation


def staff_function_add(*, actor: Actor, institution_id: int, email: str, function: str) -> CertificationStaff:
    """Give a person a function at the institution: their account must exist and have the
    certifying-institution staff role. Giving again a function that had ended makes it active."""
    require_editor(actor)
    if function not in StaffFunction.values:
        raise ValidationError({"function": _("Choose the person's function.")})
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({"email": _("No account has this e-mail address.")})
    if user.role != Role.CERTIFICATION_STAFF:
        raise ValidationError(
            {"email": _("This account does not have the role of certifying institution staff.")}
        )
    with transaction.atomic():
        institution = CertifyingInstitution.objects.select_for_update().get(pk=institution_id)
        link, created = CertificationStaff.objects.get_or_create(
            institution=institution, user=user, function=function
        )
        if not created and link.active:
            raise ValidationError({"function": _("This person already has this function here.")})
        if not created:
            link.active = True
            link.save(update_fields=["active"])
        audit_record(
            action=STAFF_FUNCTION_ADDED,
            actor=actor,
            obj=institution,
            details={"user": user.pk, "function": function},
        )
    return link


def staff_function_end(*, actor: Actor, staff_id: int) -> CertificationStaff:
    """End a person's function at an institution (the row stays, inactive, for the history)."""
    require_editor(actor)
    with transaction.atomic():
        link = CertificationStaff.objects.select_for_update().get(pk=staff_id)
        if link.active:
            link.active = False
            link.save(update_fields=["active"])
            audit_record(
                action=STAFF_FUNCTION_ENDED,
                actor=actor,
                obj=link.institution,
                details={"user": link.user_id, "function": link.function},
            )
    return link
