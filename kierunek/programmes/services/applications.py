"""Applications: the draft, the submission with the rules' decision, an officer's review, reopening,
and the staff read of an application, which is audited like a change.

Each function opens a transaction, locks the application row it changes and checks the state it
starts from; the state moves only through the declared lifecycle (:mod:`..workflows`), which
writes the application's event, the audit record and the decision e-mail in the same
transaction, so a refused or failed call leaves nothing half-written. ``actor`` is who acts and
from where (for the audit row); a participant's own application names the participant, who is
the actor unless one is given."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ
from kierunek.core.permissions import require_role
from kierunek.core.validators import validate_pesel_matches
from kierunek.geo.models import Gmina

from .. import domain, selectors
from ..audit_actions import APPLICATION_DRAFT_SAVED, APPLICATION_STARTED
from ..models import Application, ApplicationEvent, ApplicationStatus, Programme
from ..workflows import APPLICATION, SUBMIT_BY_OUTCOME
from .consents import consent_give


@dataclass(frozen=True)
class ApplicationAnswers:
    """What the participant answers on the application form. In a draft any of it may be missing;
    a submission needs all of it (``missing_answers``)."""

    residence_gmina: Gmina | None = None
    lives_outside_region: bool = False
    work_gmina: Gmina | None = None
    works_outside_region: bool = False
    studies_in_region: bool = False
    education_level: int | None = None
    employment_status: str = ""
    employment_form: str = ""


def _participant_only(user: User) -> None:
    require_role(user, Role.PARTICIPANT)


def _locked_own_application(*, application_id: int, participant: User) -> Application:
    """The participant's own application, locked. Another person's id is "not found", the same
    answer as an id that does not exist."""
    try:
        return Application.objects.select_for_update().get(pk=application_id, participant=participant)
    except Application.DoesNotExist:
        raise PermissionDenied(_("This application is not yours.")) from None


def _check_answers(answers: ApplicationAnswers) -> None:
    """Answers that contradict each other are refused even in a draft."""
    errors: dict[str, str] = {}
    if answers.residence_gmina is not None and answers.lives_outside_region:
        errors["residence"] = _("Choose a gmina of Małopolska or 'outside Małopolska', not both.")
    if answers.work_gmina is not None and answers.works_outside_region:
        errors["work"] = _("Choose a gmina of Małopolska or 'outside Małopolska', not both.")
    if answers.education_level is not None and answers.education_level not in domain.ISCED_LEVELS:
        errors["education_level"] = _("Choose a level of education from the list.")
    if answers.employment_status and answers.employment_status not in domain.EMPLOYMENT_STATUSES:
        errors["employment_status"] = _("Choose an employment status from the list.")
    if answers.employment_form and answers.employment_form not in domain.EMPLOYMENT_FORMS.get(
        answers.employment_status, ()
    ):
        errors["employment_form"] = _("This form of work does not go with the employment status you chose.")
    if errors:
        raise ValidationError(errors)


def missing_answers(answers: ApplicationAnswers) -> dict[str, str]:
    """The questions a submission still needs answered, with a message for each."""
    missing: dict[str, str] = {}
    if answers.residence_gmina is None and not answers.lives_outside_region:
        missing["residence"] = _("Choose the gmina where you live, or 'outside Małopolska'.")
    if answers.education_level is None:
        missing["education_level"] = _("Choose your level of education.")
    if not answers.employment_status:
        missing["employment_status"] = _("Choose your employment status.")
    if answers.employment_status in (domain.EMPLOYED, domain.SELF_EMPLOYED):
        if not answers.employment_form:
            missing["employment_form"] = _("Choose the form of your work.")
        if answers.work_gmina is None and not answers.works_outside_region:
            missing["work"] = _("Choose the gmina where you work, or 'outside Małopolska'.")
    return missing


def answers_of(application: Application) -> ApplicationAnswers:
    return ApplicationAnswers(
        residence_gmina=application.residence_gmina,
        lives_outside_region=application.lives_outside_region,
        work_gmina=application.work_gmina,
        works_outside_region=application.works_outside_region,
        studies_in_region=application.studies_in_region,
        education_level=application.education_level,
        employment_status=application.employment_status,
        employment_form=application.employment_form,
    )


ANSWER_FIELDS = [
    "residence_gmina",
    "lives_outside_region",
    "work_gmina",
    "works_outside_region",
    "studies_in_region",
    "education_level",
    "employment_status",
    "employment_form",
]


def _apply_answers(application: Application, answers: ApplicationAnswers) -> None:
    working = answers.employment_status in (domain.EMPLOYED, domain.SELF_EMPLOYED)
    application.residence_gmina = answers.residence_gmina
    application.lives_outside_region = answers.lives_outside_region
    # Work questions apply only to people who work: a place of work of an unemployed person
    # would be a region link the rules must not count.
    application.work_gmina = answers.work_gmina if working else None
    application.works_outside_region = answers.works_outside_region if working else False
    application.studies_in_region = answers.studies_in_region
    application.education_level = answers.education_level
    application.employment_status = answers.employment_status
    application.employment_form = answers.employment_form if working else ""


# --- applications ----------------------------------------------------------------------------


def _actor_or(participant: User, actor: Actor | None) -> Actor:
    return actor if actor is not None else Actor.of(participant)


def application_start(*, participant: User, programme: Programme, actor: Actor | None = None) -> Application:
    """The participant's application to ``programme``: the existing one, or a new draft."""
    _participant_only(participant)
    actor = _actor_or(participant, actor)
    if not ParticipantProfile.objects.filter(user=participant).exists():
        raise ValidationError(_("Your account has no PESEL number; contact the programme office."))
    with transaction.atomic():
        existing = Application.objects.filter(participant=participant, programme=programme).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                application = Application.objects.create(participant=participant, programme=programme)
        except IntegrityError:  # the same person started one in another tab a moment ago
            return Application.objects.get(participant=participant, programme=programme)
        # Creation is not a transition: the draft's first history row is written here.
        ApplicationEvent.objects.create(
            application=application, status_from="", status_to=ApplicationStatus.DRAFT, actor=participant
        )
        audit_record(action=APPLICATION_STARTED, actor=actor, obj=application)
    return application


def application_save_draft(
    *,
    application_id: int,
    participant: User,
    answers: ApplicationAnswers,
    give_consents: Collection[str] = (),
    actor: Actor | None = None,
) -> Application:
    """Keep the answers so far, and record the consents ticked with them. Only a draft can be
    changed."""
    _participant_only(participant)
    actor = _actor_or(participant, actor)
    _check_answers(answers)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError(_("This application has been submitted and can no longer be changed."))
        for kind in give_consents:
            consent_give(user=participant, programme=application.programme, kind=kind, actor=actor)
        _apply_answers(application, answers)
        application.save(update_fields=[*ANSWER_FIELDS, "updated_at"])
        audit_record(action=APPLICATION_DRAFT_SAVED, actor=actor, obj=application)
    return application


def _identity_consistent(profile: ParticipantProfile) -> bool:
    """The date of birth and sex on record are the ones the PESEL encodes. Nothing about the
    PESEL leaves this function."""
    try:
        validate_pesel_matches(profile.pesel, birth_date=profile.birth_date, sex=profile.sex)  # type: ignore[arg-type]
    except ValidationError:
        return False
    return True


def person_facts(*, application: Application, profile: ParticipantProfile) -> domain.PersonFacts:
    return domain.PersonFacts(
        birth_date=profile.birth_date,
        lives_in_region=True
        if application.residence_gmina_id is not None
        else (False if application.lives_outside_region else None),
        works_in_region=True
        if application.work_gmina_id is not None
        else (False if application.works_outside_region else None),
        studies_in_region=application.studies_in_region,
        education_level=application.education_level,
        employment_status=application.employment_status or None,
        employment_form=application.employment_form or None,
        identity_consistent=_identity_consistent(profile),
    )


def application_submit(
    *,
    application_id: int,
    participant: User,
    answers: ApplicationAnswers | None = None,
    give_consents: Collection[str] = (),
    today: date | None = None,
    actor: Actor | None = None,
) -> Application:
    """Submit the application and decide it by the eligibility rule in force today.

    ``answers`` and ``give_consents``, when given, are saved with the submission. Needs every
    answer (``missing_answers``), consent to processing in force, and the programme running
    today; when any is missing nothing is written (answers and consents included). The decision,
    the rule version it applied and its reasons are written with the submission; the participant
    is told by e-mail after commit."""
    _participant_only(participant)
    actor = _actor_or(participant, actor)
    today = today or timezone.localdate()
    if answers is not None:
        _check_answers(answers)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        # Refused before anything is written; the three submit transitions share their source.
        APPLICATION.check(state=application.status, name="submit_eligible", obj=application)
        for kind in give_consents:
            consent_give(user=participant, programme=application.programme, kind=kind, actor=actor)
        if answers is not None:
            _apply_answers(application, answers)
        programme = application.programme
        errors = missing_answers(answers_of(application))
        if not selectors.has_processing_consent(user=participant, programme=programme):
            errors["consent_processing"] = _(
                "Give consent to the processing of your data to submit the application."
            )
        if errors:
            raise ValidationError(errors)
        if not (programme.starts_on <= today <= programme.ends_on):
            raise ValidationError(_("The programme does not take applications on this day."))
        try:
            version, rules = selectors.eligibility_rules_on(programme=programme, day=today)
        except selectors.RuleNotInForce:
            raise ValidationError(_("The programme has no eligibility rule in force today.")) from None
        profile = ParticipantProfile.objects.get(user=participant)
        decision = domain.decide_eligibility(
            facts=person_facts(application=application, profile=profile), rules=rules, on=today
        )
        now = timezone.now()
        application.rule_version = version
        application.decision_reasons = [reason.as_dict() for reason in decision.reasons]
        application.submitted_at = now
        application.decided_at = now
        APPLICATION.apply(
            application,
            SUBMIT_BY_OUTCOME[ApplicationStatus(decision.outcome)],
            actor=actor,
            fields=[*ANSWER_FIELDS, "rule_version", "decision_reasons", "submitted_at", "decided_at"],
            details={
                "outcome": decision.outcome,
                "rule_version": version.pk,
                "valid_from": version.valid_from.isoformat(),
                "decided_on": today.isoformat(),
            },
        )
    return application


def application_review(*, application_id: int, actor: Actor, accept: bool, reason: str) -> Application:
    """An officer decides an application the rules sent to manual review: accepted or refused,
    always with a reason the participant will read."""
    require_role(actor.user, Role.OFFICER)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the decision; the participant will read it.")}
        )
    with transaction.atomic():
        try:
            application = Application.objects.select_for_update().get(pk=application_id)
        except Application.DoesNotExist:
            raise ValidationError(_("There is no such application.")) from None
        outcome = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.REFUSED
        application.decided_at = timezone.now()
        APPLICATION.apply(
            application,
            "accept" if accept else "refuse",
            actor=actor,
            fields=["decided_at"],
            note=reason,
            details={"outcome": outcome},
        )
    return application


def application_reopen(*, application_id: int, participant: User, actor: Actor | None = None) -> Application:
    """Back to a draft after an ineligible decision (to correct the answers) or a withdrawal (to
    apply again). The earlier decision stays in the history."""
    _participant_only(participant)
    actor = _actor_or(participant, actor)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        previous = application.status
        APPLICATION.check(state=previous, name="reopen", obj=application)
        application.rule_version = None
        application.decision_reasons = []
        application.submitted_at = None
        application.decided_at = None
        APPLICATION.apply(
            application,
            "reopen",
            actor=actor,
            fields=["rule_version", "decision_reasons", "submitted_at", "decided_at"],
            details={"from": previous},
        )
    return application


def application_file_read(*, application_id: int, actor: Actor) -> Application:
    """A staff member opens a participant's application: returned with the audit record
    ``participant.file_read`` written. Drafts are the participant's own and are not shown."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        application = selectors.application_for_officer(application_id=application_id)
        audit_record(
            action=PARTICIPANT_FILE_READ,
            actor=actor,
            obj=application,
            details={"participant": application.participant_id, "what": "application"},
        )
    return application
