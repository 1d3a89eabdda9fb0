"""The lifecycle of an application, declared once (the kit: :mod:`kierunek.core.workflow`).

A draft is submitted and decided at once by the eligibility rule in force: eligible, not eligible,
or sent to an officer's review (one transition per outcome, because the kit moves to one target).
An officer accepts or refuses an application waiting for review. A participant reopens an
ineligible or withdrawn application as a draft, and withdraws any application not yet refused
(withdrawing the consent to processing withdraws it too). Starting an application creates the
draft; it is not a transition."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import Applied, Notification, Transition, Workflow

from .audit_actions import (
    APPLICATION_REOPENED,
    APPLICATION_REVIEWED,
    APPLICATION_SUBMITTED,
    APPLICATION_WITHDRAWN,
)
from .models import Application, ApplicationEvent, ApplicationStatus

S = ApplicationStatus
PARTICIPANT = {Role.PARTICIPANT}
OFFICER = {Role.OFFICER}
SUBMITTABLE = {S.DRAFT}
REVIEWABLE = {S.MANUAL_REVIEW}
REOPENABLE = {S.INELIGIBLE, S.WITHDRAWN}
WITHDRAWABLE = {S.DRAFT, S.ELIGIBLE, S.INELIGIBLE, S.MANUAL_REVIEW, S.ACCEPTED}
# The transition a submission takes for each outcome of the eligibility rule.
SUBMIT_BY_OUTCOME = {
    S.ELIGIBLE: "submit_eligible",
    S.INELIGIBLE: "submit_ineligible",
    S.MANUAL_REVIEW: "submit_to_review",
}


def _decision_context(application: Application) -> dict[str, Any]:
    """The decision e-mail: the state reached, the programme, and the officer's reason (the note of
    the history row just written; a decision by the rules has none)."""
    last = application.events.order_by("-pk").first()
    return {
        # the label itself (lazy), so it is written in the e-mail's language, not the officer's
        "application_status": ApplicationStatus(application.status).label,
        "programme": application.programme.name,
        "reason": last.note if last is not None else "",
    }


DECIDED = Notification(
    subject=gettext_noop("Your application has been decided"),
    template="programmes/email/application_decided.txt",
    recipients=lambda application: [application.participant],
    context=_decision_context,
)


def _history(applied: Applied) -> None:
    """The application's own history: a submission is two rows (the participant's submission, then
    the rules' decision with the rule version and its reasons, taken by nobody)."""
    application = applied.obj
    user = applied.actor.user
    if applied.transition.name in SUBMIT_BY_OUTCOME.values():
        ApplicationEvent.objects.create(
            application=application, status_from=applied.source, status_to=S.SUBMITTED, actor=user
        )
        ApplicationEvent.objects.create(
            application=application,
            status_from=S.SUBMITTED,
            status_to=applied.transition.target,
            actor=None,
            rule_version=application.rule_version,
            reasons=application.decision_reasons,
        )
        return
    ApplicationEvent.objects.create(
        application=application,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=user,
        note=applied.note,
    )


_REFUSALS = {
    "submit_eligible": _("This application has already been submitted."),
    "submit_ineligible": _("This application has already been submitted."),
    "submit_to_review": _("This application has already been submitted."),
    "accept": _("This application is not waiting for a review."),
    "refuse": _("This application is not waiting for a review."),
    "reopen": _("This application cannot be changed now."),
}


def _refusal(application: Any, transition: Transition, state: str) -> Any:
    return _REFUSALS.get(transition.name, _("This application cannot be changed now."))


APPLICATION = Workflow(
    name="programmes.application",
    model=Application,
    states=dict(ApplicationStatus.choices),
    transitions=[
        Transition(
            "submit_eligible",
            SUBMITTABLE,
            S.ELIGIBLE,
            roles=PARTICIPANT,
            label=_("submit the application"),
            audit_action=APPLICATION_SUBMITTED,
            notification=DECIDED,
        ),
        Transition(
            "submit_ineligible",
            SUBMITTABLE,
            S.INELIGIBLE,
            roles=PARTICIPANT,
            label=_("submit the application"),
            audit_action=APPLICATION_SUBMITTED,
            notification=DECIDED,
        ),
        Transition(
            "submit_to_review",
            SUBMITTABLE,
            S.MANUAL_REVIEW,
            roles=PARTICIPANT,
            label=_("submit the application"),
            audit_action=APPLICATION_SUBMITTED,
            notification=DECIDED,
        ),
        Transition(
            "accept",
            REVIEWABLE,
            S.ACCEPTED,
            roles=OFFICER,
            label=_("accept the application"),
            audit_action=APPLICATION_REVIEWED,
            notification=DECIDED,
        ),
        Transition(
            "refuse",
            REVIEWABLE,
            S.REFUSED,
            roles=OFFICER,
            label=_("refuse the application"),
            audit_action=APPLICATION_REVIEWED,
            notification=DECIDED,
        ),
        Transition(
            "reopen",
            REOPENABLE,
            S.DRAFT,
            roles=PARTICIPANT,
            label=_("reopen the application"),
            audit_action=APPLICATION_REOPENED,
        ),
        Transition(
            "withdraw",
            WITHDRAWABLE,
            S.WITHDRAWN,
            roles=PARTICIPANT,
            label=_("withdraw the application"),
            audit_action=APPLICATION_WITHDRAWN,
        ),
    ],
    history=_history,
    refusal=_refusal,
)
