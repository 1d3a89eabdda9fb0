"""The contest's lifecycles, declared once with the kit (:mod:`kierunek.core.workflow`).

Edition::

    draft ─open→ open ─close_applications→ running ─start_judging→ judging ─publish→ published

Application (a gmina's, in one edition)::

    (applied) submitted ─admit→ stage_one ─complete_stage_one→ stage_two ─report→ reported
    submitted | stage_one | stage_two ─reject→ rejected      (the office, with its reason)
    submitted | stage_one | stage_two ─withdraw→ withdrawn   (the gmina)

Stage I is complete when the gmina's staff were checked in at the edition's required number of
workshops; the report needs its text and at least one piece of evidence (the services check both)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Transition, Workflow

from . import domain
from .audit_actions import (
    APPLICATION_ADMITTED,
    APPLICATION_REJECTED,
    APPLICATION_WITHDRAWN,
    EDITION_APPLICATIONS_CLOSED,
    EDITION_JUDGING_STARTED,
    EDITION_OPENED,
    EDITION_PUBLISHED,
    REPORT_SUBMITTED,
    STAGE_ONE_COMPLETED,
)
from .models import ApplicationChange, ApplicationStatus, ContestApplication, ContestEdition, EditionStatus

OFFICE = frozenset({Role.OFFICER.value})
GMINA = frozenset({Role.GMINA_STAFF.value})
# Who may sit on a jury: officers and partner staff, appointed per edition.
JUROR_ROLES = frozenset({Role.OFFICER.value, Role.PARTNER_STAFF.value})
# Who registers activities for the Learning Day and the Career Week.
ACTIVITY_ROLES = frozenset(
    {Role.OFFICER.value, Role.PARTNER_STAFF.value, Role.GMINA_STAFF.value, Role.PROVIDER_STAFF.value}
)


def _change(applied: Applied) -> None:
    ApplicationChange.objects.create(
        application=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


EDITION = Workflow(
    name="initiatives.edition",
    model=ContestEdition,
    states=dict(EditionStatus.choices),
    transitions=[
        Transition(
            "open",
            {domain.DRAFT},
            domain.OPEN,
            roles=OFFICE,
            label=_("open the edition to applications"),
            audit_action=EDITION_OPENED,
        ),
        Transition(
            "close_applications",
            {domain.OPEN},
            domain.RUNNING,
            roles=OFFICE,
            label=_("close the applications"),
            audit_action=EDITION_APPLICATIONS_CLOSED,
        ),
        Transition(
            "start_judging",
            {domain.RUNNING},
            domain.JUDGING,
            roles=OFFICE,
            label=_("hand the reports to the jury"),
            audit_action=EDITION_JUDGING_STARTED,
        ),
        Transition(
            "publish",
            {domain.JUDGING},
            domain.PUBLISHED,
            roles=OFFICE,
            label=_("publish the results"),
            audit_action=EDITION_PUBLISHED,
        ),
    ],
)

IN_PROGRESS = {domain.SUBMITTED, domain.STAGE_ONE, domain.STAGE_TWO}

APPLICATION = Workflow(
    name="initiatives.application",
    model=ContestApplication,
    states=dict(ApplicationStatus.choices),
    history=_change,
    transitions=[
        Transition(
            "admit",
            {domain.SUBMITTED},
            domain.STAGE_ONE,
            roles=OFFICE,
            label=_("admit the gmina to the contest"),
            audit_action=APPLICATION_ADMITTED,
        ),
        Transition(
            "complete_stage_one",
            {domain.STAGE_ONE},
            domain.STAGE_TWO,
            roles=OFFICE,
            label=_("confirm stage I (workshops attended)"),
            audit_action=STAGE_ONE_COMPLETED,
        ),
        Transition(
            "report",
            {domain.STAGE_TWO},
            domain.REPORTED,
            roles=GMINA,
            label=_("submit the implementation report"),
            audit_action=REPORT_SUBMITTED,
        ),
        Transition(
            "reject",
            IN_PROGRESS,
            domain.REJECTED,
            roles=OFFICE,
            label=_("not admit the gmina"),
            audit_action=APPLICATION_REJECTED,
        ),
        Transition(
            "withdraw",
            IN_PROGRESS,
            domain.WITHDRAWN,
            roles=GMINA,
            label=_("withdraw the application"),
            audit_action=APPLICATION_WITHDRAWN,
        ),
    ],
)
