"""The recruitment's lifecycles, declared once with the kit (:mod:`kierunek.core.workflow`).

Year (the authority, by the timetable)::

    open ─match_main→ qualified ─publish_admitted→ admitted ─match_supplementary→ supplementary ─close→ closed

Application::

    draft | returned ─submit→ submitted ─verify→ verified      (the school of first choice)
                              submitted ─return→ returned

Placement (one per candidate and round; written by the round's match)::

    qualified ─confirm→ confirmed ─admit→ admitted ─release→ released   (a better seat later)
    qualified ─lapse→ lapsed                                             (no confirmation in time)

The round's steps move thousands of placements at once: ``admit``, ``lapse`` and ``release`` are
checked against the kit and applied in one statement per step with one audit record for the run,
as the settlement run does (decision 0030).

Appeal (art. 158)::

    requested ─justify→ justified ─appeal→ appealed ─uphold→ upheld | ─dismiss→ dismissed
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Transition, Workflow

from .audit_actions import (
    ADMITTED_PUBLISHED,
    APPEAL_DECIDED,
    APPEAL_FILED,
    APPLICATION_RETURNED,
    APPLICATION_SUBMITTED,
    APPLICATION_VERIFIED,
    INTENT_CONFIRMED,
    JUSTIFICATION_GIVEN,
    MAIN_ROUND_MATCHED,
    PLACEMENT_ADMITTED,
    PLACEMENT_LAPSED,
    PLACEMENT_RELEASED,
    SUPPLEMENTARY_MATCHED,
    YEAR_CLOSED,
)
from .models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    Placement,
    PlacementStatus,
    RecruitmentYear,
    YearStatus,
)

AUTHORITY = frozenset({Role.METROPOLIS_STAFF.value, SYSTEM_ROLE})
# The school's recruitment committee (its director and the teachers appointed to it) checks the
# documents, confirms intent at its desk and gives justifications; the appeal goes to the director.
SCHOOL = frozenset({Role.SCHOOL_DIRECTOR.value, Role.TEACHER.value})
DIRECTOR = frozenset({Role.SCHOOL_DIRECTOR.value})
CANDIDATE = frozenset({Role.CANDIDATE.value})

YEAR = Workflow(
    name="recruitment.year",
    model=RecruitmentYear,
    states=dict(YearStatus.choices),
    transitions=[
        Transition(
            "match_main",
            {YearStatus.OPEN},
            YearStatus.QUALIFIED,
            roles=AUTHORITY,
            label=_("match the main round and publish the lists of qualified candidates"),
            audit_action=MAIN_ROUND_MATCHED,
        ),
        Transition(
            "publish_admitted",
            {YearStatus.QUALIFIED},
            YearStatus.ADMITTED,
            roles=AUTHORITY,
            label=_("publish the lists of admitted candidates"),
            audit_action=ADMITTED_PUBLISHED,
        ),
        Transition(
            "match_supplementary",
            {YearStatus.ADMITTED},
            YearStatus.SUPPLEMENTARY,
            roles=AUTHORITY,
            label=_("match the supplementary round"),
            audit_action=SUPPLEMENTARY_MATCHED,
        ),
        Transition(
            "close",
            {YearStatus.SUPPLEMENTARY},
            YearStatus.CLOSED,
            roles=AUTHORITY,
            label=_("close the recruitment year"),
            audit_action=YEAR_CLOSED,
        ),
    ],
)

APPLICATION = Workflow(
    name="recruitment.application",
    model=Application,
    states=dict(ApplicationStatus.choices),
    transitions=[
        Transition(
            "submit",
            {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED},
            ApplicationStatus.SUBMITTED,
            roles=CANDIDATE,
            label=_("submit the application"),
            audit_action=APPLICATION_SUBMITTED,
        ),
        Transition(
            "verify",
            {ApplicationStatus.SUBMITTED},
            ApplicationStatus.VERIFIED,
            roles=SCHOOL,
            label=_("confirm the documents"),
            audit_action=APPLICATION_VERIFIED,
        ),
        Transition(
            "return",
            {ApplicationStatus.SUBMITTED},
            ApplicationStatus.RETURNED,
            roles=SCHOOL,
            label=_("return the application for corrections"),
            audit_action=APPLICATION_RETURNED,
        ),
    ],
)

PLACEMENT = Workflow(
    name="recruitment.placement",
    model=Placement,
    states=dict(PlacementStatus.choices),
    transitions=[
        Transition(
            "confirm",
            {PlacementStatus.QUALIFIED},
            PlacementStatus.CONFIRMED,
            roles=CANDIDATE | SCHOOL,
            label=_("confirm the intent to attend"),
            audit_action=INTENT_CONFIRMED,
        ),
        Transition(
            "admit",
            {PlacementStatus.CONFIRMED},
            PlacementStatus.ADMITTED,
            roles=AUTHORITY,
            label=_("admit the candidate"),
            audit_action=PLACEMENT_ADMITTED,
        ),
        Transition(
            "lapse",
            {PlacementStatus.QUALIFIED},
            PlacementStatus.LAPSED,
            roles=AUTHORITY,
            label=_("end a qualification not confirmed in time"),
            audit_action=PLACEMENT_LAPSED,
        ),
        Transition(
            "release",
            {PlacementStatus.ADMITTED},
            PlacementStatus.RELEASED,
            roles=AUTHORITY,
            label=_("release the seat for a better one"),
            audit_action=PLACEMENT_RELEASED,
        ),
    ],
)

APPEAL = Workflow(
    name="recruitment.appeal",
    model=Appeal,
    states=dict(AppealStatus.choices),
    transitions=[
        Transition(
            "justify",
            {AppealStatus.REQUESTED},
            AppealStatus.JUSTIFIED,
            roles=SCHOOL,
            label=_("give the committee's justification"),
            audit_action=JUSTIFICATION_GIVEN,
        ),
        Transition(
            "appeal",
            {AppealStatus.JUSTIFIED},
            AppealStatus.APPEALED,
            roles=CANDIDATE,
            label=_("appeal to the director"),
            audit_action=APPEAL_FILED,
        ),
        Transition(
            "uphold",
            {AppealStatus.APPEALED},
            AppealStatus.UPHELD,
            roles=DIRECTOR,
            label=_("uphold the appeal"),
            audit_action=APPEAL_DECIDED,
        ),
        Transition(
            "dismiss",
            {AppealStatus.APPEALED},
            AppealStatus.DISMISSED,
            roles=DIRECTOR,
            label=_("dismiss the appeal"),
            audit_action=APPEAL_DECIDED,
        ),
    ],
)
