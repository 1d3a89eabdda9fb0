"""Consents to the programme: given to the current text, withdrawn at any time. Withdrawing the
consent to processing withdraws the person's application with it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from ..audit_actions import CONSENT_GIVEN, CONSENT_WITHDRAWN
from ..consents import CONSENT_TEXT_VERSION
from ..models import Application, ConsentKind, Programme, ProgrammeConsent
from ..workflows import APPLICATION, WITHDRAWABLE


def consent_give(
    *, user: User, programme: Programme, kind: str, actor: Actor | None = None
) -> ProgrammeConsent:
    """Record a consent to the current text; a consent already in force is returned as it is.
    ``user`` is the person who consents; ``actor`` who acts and from where (the person, unless
    given)."""
    require_role(user, Role.PARTICIPANT)
    actor = actor if actor is not None else Actor.of(user)
    if kind not in ConsentKind.values:
        raise ValidationError(_("Unknown consent."))
    with transaction.atomic():
        existing = (
            ProgrammeConsent.objects.select_for_update()
            .filter(user=user, programme=programme, kind=kind, withdrawn_at__isnull=True)
            .first()
        )
        if existing is not None:
            return existing
        consent = ProgrammeConsent.objects.create(
            user=user, programme=programme, kind=kind, text_version=CONSENT_TEXT_VERSION
        )
        audit_record(
            action=CONSENT_GIVEN,
            actor=actor,
            obj=consent,
            details={"kind": kind, "text_version": CONSENT_TEXT_VERSION, "programme": programme.code},
        )
    return consent


def consent_withdraw(
    *, user: User, programme: Programme, kind: str, actor: Actor | None = None
) -> ProgrammeConsent:
    """Withdraw a consent. Without consent to processing the programme cannot go on deciding about
    or serving the person, so their application to this programme is withdrawn with it (a refused
    application stays refused: that decision is already made)."""
    require_role(user, Role.PARTICIPANT)
    actor = actor if actor is not None else Actor.of(user)
    with transaction.atomic():
        consent = (
            ProgrammeConsent.objects.select_for_update()
            .filter(user=user, programme=programme, kind=kind, withdrawn_at__isnull=True)
            .first()
        )
        if consent is None:
            raise ValidationError(_("This consent is not in force, so there is nothing to withdraw."))
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(
            action=CONSENT_WITHDRAWN,
            actor=actor,
            obj=consent,
            details={"kind": kind, "programme": programme.code},
        )
        if kind == ConsentKind.PROCESSING:
            application = (
                Application.objects.select_for_update()
                .filter(participant=user, programme=programme, status__in=WITHDRAWABLE)
                .first()
            )
            if application is not None:
                previous = application.status
                if application.submitted_at is None:
                    application.submitted_at = timezone.now()  # withdrawn is not a draft any more
                APPLICATION.apply(
                    application,
                    "withdraw",
                    actor=actor,
                    fields=["submitted_at"],
                    note=str(gettext_lazy("Consent to processing withdrawn.")),
                    details={"from": previous},
                )
    return consent
