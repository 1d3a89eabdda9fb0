"""A gmina's cooperation agreement: the office drafts it (dates, what each side commits to, the
gmina's coordinator), records it signed, suspends, resumes and ends it (``workflows.AGREEMENT``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kierunek.accounts.models import GminaStaff, Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.models import Gmina

from .. import domain
from ..audit_actions import AGREEMENT_DRAFTED
from ..models import GminaAgreement
from ..workflows import AGREEMENT


@dataclass(frozen=True)
class AgreementData:
    starts_on: date
    ends_on: date
    gmina_commits: str
    office_commits: str
    coordinator: User | None = None


def _check(gmina: Gmina, data: AgreementData) -> None:
    if data.ends_on < data.starts_on:
        raise ValidationError(_("The agreement cannot end before it starts."))
    if not data.gmina_commits.strip() or not data.office_commits.strip():
        raise ValidationError(_("Write what each side commits to."))
    if data.coordinator is not None and not (
        data.coordinator.role == Role.GMINA_STAFF
        and GminaStaff.objects.filter(user=data.coordinator, gmina=gmina).exists()
    ):
        raise ValidationError(
            _("The coordinator must be a person of the gmina's staff working for this gmina.")
        )


def agreement_draft(*, actor: Actor, gmina: Gmina, data: AgreementData) -> GminaAgreement:
    """A draft agreement with ``gmina``; refused while the gmina has a current one."""
    require_role(actor, Role.OFFICER)
    _check(gmina, data)
    with transaction.atomic(durable=True):
        Gmina.objects.select_for_update().get(pk=gmina.pk)
        if GminaAgreement.objects.filter(gmina=gmina, status__in=domain.CURRENT_STATES).exists():
            raise ValidationError(_("The gmina already has an agreement in preparation or in force."))
        agreement = GminaAgreement.objects.create(
            gmina=gmina,
            coordinator=data.coordinator,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            gmina_commits=data.gmina_commits.strip(),
            office_commits=data.office_commits.strip(),
            created_by=actor.user,
        )
        audit_record(action=AGREEMENT_DRAFTED, actor=actor, obj=agreement, details={"gmina": gmina.teryt})
    return agreement


def agreement_move(
    *, actor: Actor, agreement_id: int, transition: str, signed_on: date | None = None
) -> GminaAgreement:
    """Take one transition of the agreement's lifecycle; signing records the day it was signed."""
    require_role(actor, Role.OFFICER)
    if transition not in AGREEMENT.transitions:
        raise ValidationError(_("No such step of the agreement."))
    with transaction.atomic(durable=True):
        agreement = GminaAgreement.objects.select_for_update().get(pk=agreement_id)
        fields: list[str] = []
        if transition == "sign":
            agreement.signed_on = signed_on or date.today()
            fields.append("signed_on")
        AGREEMENT.apply(agreement, transition, actor=actor, fields=fields)
    return agreement
