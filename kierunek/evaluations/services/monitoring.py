"""From the quality overview, an officer opens a monitoring visit of a flagged provider: an ad-hoc
visit under the quality mark the provider holds (the quality context's own service, which checks
the role, the mark's state, audits the visit and tells the provider)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.quality.models import CaseState, MonitoringVisit, QualityMarkCase, VisitKind
from kierunek.quality.services import monitoring_visit_add


def monitoring_visit_open(
    *, provider_id: int, planned_on: date, remote: bool, actor: Actor
) -> MonitoringVisit:
    """Plan an ad-hoc monitoring visit under the provider's quality mark in force."""
    case = (
        QualityMarkCase.objects.filter(
            provider_id=provider_id, state__in=(CaseState.GRANTED, CaseState.SUSPENDED)
        )
        .order_by("-created_at")
        .first()
    )
    if case is None:
        raise ValidationError(
            _("This provider holds no quality mark in force to monitor: check its certificates instead.")
        )
    return monitoring_visit_add(
        case=case, kind=VisitKind.AD_HOC, planned_on=planned_on, remote=remote, actor=actor
    )
