"""Every change in the programmes context: applications (draft, submission with the rules' decision,
an officer's review, reopening, withdrawal), consents, and the staff read of an application, which
is audited like a change.

Each function opens a transaction, locks the application row it changes, checks the state it
starts from, and writes the audit record and the application's event in the same transaction, so
a refused or failed call leaves nothing half-written."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.validators import validate_pesel_matches
from kierunek.geo.models import Gmina

from . import domain, selectors
from .consents import CONSENT_TEXT_VERSION
from .models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ConsentKind,
    Programme,
    ProgrammeConsent,
)

REOPENABLE = (ApplicationStatus.INELIGIBLE, ApplicationStatus.WITHDRAWN)
WITHDRAWABLE = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.MANUAL_REVIEW,
    ApplicationStatus.ACCEPTED,
)


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


def _event(
    application: Application,
    *,
    status_from: str,
    status_to: str,
    actor: User | None,
    note: str = "",
    reasons: list[dict[str, object]] | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        status_from=status_from,
        status_to=status_to,
        actor=actor,
        rule_version=application.rule_version if reasons is not None else None,
        reasons=reasons or [],
        note=note,
    )


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


# --- consents --------------------------------------------------------------------------------


def consent_give(
    *, user: User, programme: Programme, kind: str, request: HttpRequest | None = None
) -> ProgrammeConsent:
    """Record a consent to the current text; a consent already in force is returned as it is."""
    _participant_only(user)
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
            action="consent.given",
            actor=user,
            obj=consent,
            request=request,
            details={"kind": kind, "text_version": CONSENT_TEXT_VERSION, "programme": programme.code},
        )
    return consent


def consent_withdraw(
    *, user: User, programme: Programme, kind: str, request: HttpRequest | None = None
) -> ProgrammeConsent:
    """Withdraw a consent. Without consent to processing the programme cannot go on deciding about
    or serving the person, so their application to this programme is withdrawn with it (a refused
    application stays refused: that decision is already made)."""
    _participant_only(user)
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
            action="consent.withdrawn",
            actor=user,
            obj=consent,
            request=request,
            details={"kind": kind, "programme": programme.code},
        )
        if kind == ConsentKind.PROCESSING:
            application = (
                Application.objects.select_for_update()
                .filter(participant=user, programme=programme, status__in=WITHDRAWABLE)
                .first()
            )
            if application is not None:
                _withdraw(application, actor=user, request=request)
    return consent


def _withdraw(application: Application, *, actor: User, request: HttpRequest | None) -> None:
    previous = application.status
    application.status = ApplicationStatus.WITHDRAWN
    if application.submitted_at is None:
        application.submitted_at = timezone.now()  # withdrawn is not a draft any more
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _event(
        application,
        status_from=previous,
        status_to=ApplicationStatus.WITHDRAWN,
        actor=actor,
        note=str(gettext_lazy("Consent to processing withdrawn.")),
    )
    audit_record(
        action="application.withdrawn",
        actor=actor,
        obj=application,
        request=request,
        details={"from": previous},
    )


# --- applications ----------------------------------------------------------------------------


def application_start(
    *, participant: User, programme: Programme, request: HttpRequest | None = None
) -> Application:
    """The participant's application to ``programme``: the existing one, or a new draft."""
    _participant_only(participant)
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
        _event(application, status_from="", status_to=ApplicationStatus.DRAFT, actor=participant)
        audit_record(action="application.started", actor=participant, obj=application, request=request)
    return application


def application_save_draft(
    *,
    application_id: int,
    participant: User,
    answers: ApplicationAnswers,
    give_consents: Collection[str] = (),
    request: HttpRequest | None = None,
) -> Application:
    """Keep the answers so far, and record the consents ticked with them. Only a draft can be
    changed."""
    _participant_only(participant)
    _check_answers(answers)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError(_("This application has been submitted and can no longer be changed."))
        for kind in give_consents:
            consent_give(user=participant, programme=application.programme, kind=kind, request=request)
        _apply_answers(application, answers)
        application.save(update_fields=[*ANSWER_FIELDS, "updated_at"])
        audit_record(action="application.draft_saved", actor=participant, obj=application, request=request)
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
    request: HttpRequest | None = None,
) -> Application:
    """Submit the application and decide it by the eligibility rule in force today.

    ``answers`` and ``give_consents``, when given, are saved with the submission. Needs every
    answer (``missing_answers``), consent to processing in force, and the programme running
    today; when any is missing nothing is written (answers and consents included). The decision,
    the rule version it applied and its reasons are written with the submission; the participant
    is told by e-mail after commit."""
    _participant_only(participant)
    today = today or timezone.localdate()
    if answers is not None:
        _check_answers(answers)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError(_("This application has already been submitted."))
        for kind in give_consents:
            consent_give(user=participant, programme=application.programme, kind=kind, request=request)
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
        reasons = [reason.as_dict() for reason in decision.reasons]
        application.status = decision.outcome
        application.rule_version = version
        application.decision_reasons = reasons
        application.submitted_at = now
        application.decided_at = now
        application.save()
        _event(
            application,
            status_from=ApplicationStatus.DRAFT,
            status_to=ApplicationStatus.SUBMITTED,
            actor=participant,
        )
        _event(
            application,
            status_from=ApplicationStatus.SUBMITTED,
            status_to=decision.outcome,
            actor=None,
            reasons=reasons,
        )
        audit_record(
            action="application.submitted",
            actor=participant,
            obj=application,
            request=request,
            details={
                "outcome": decision.outcome,
                "rule_version": version.pk,
                "valid_from": version.valid_from.isoformat(),
                "decided_on": today.isoformat(),
            },
        )
        notify(
            recipients=[participant],
            subject="Your application has been decided",
            template="programmes/email/application_decided.txt",
            context={"application_status": application.get_status_display(), "programme": programme.name},
        )
    return application


def application_review(
    *,
    application_id: int,
    actor: User,
    accept: bool,
    reason: str,
    request: HttpRequest | None = None,
) -> Application:
    """An officer decides an application the rules sent to manual review: accepted or refused,
    always with a reason the participant will read."""
    require_role(actor, Role.OFFICER)
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
        if application.status != ApplicationStatus.MANUAL_REVIEW:
            raise ValidationError(_("This application is not waiting for a review."))
        outcome = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.REFUSED
        application.status = outcome
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at", "updated_at"])
        _event(
            application,
            status_from=ApplicationStatus.MANUAL_REVIEW,
            status_to=outcome,
            actor=actor,
            note=reason,
        )
        audit_record(
            action="application.reviewed",
            actor=actor,
            obj=application,
            request=request,
            details={"outcome": outcome},
        )
        notify(
            recipients=[application.participant],
            subject="Your application has been decided",
            template="programmes/email/application_decided.txt",
            context={
                "application_status": application.get_status_display(),
                "programme": application.programme.name,
                "reason": reason,
            },
        )
    return application


def application_reopen(
    *, application_id: int, participant: User, request: HttpRequest | None = None
) -> Application:
    """Back to a draft after an ineligible decision (to correct the answers) or a withdrawal (to
    apply again). The earlier decision stays in the history."""
    _participant_only(participant)
    with transaction.atomic():
        application = _locked_own_application(application_id=application_id, participant=participant)
        if application.status not in REOPENABLE:
            raise ValidationError(_("This application cannot be changed now."))
        previous = application.status
        application.status = ApplicationStatus.DRAFT
        application.rule_version = None
        application.decision_reasons = []
        application.submitted_at = None
        application.decided_at = None
        application.save()
        _event(application, status_from=previous, status_to=ApplicationStatus.DRAFT, actor=participant)
        audit_record(
            action="application.reopened",
            actor=participant,
            obj=application,
            request=request,
            details={"from": previous},
        )
    return application


def application_file_read(
    *, application_id: int, actor: User, request: HttpRequest | None = None
) -> Application:
    """A staff member opens a participant's application: returned with the audit record
    ``participant.file_read`` written. Drafts are the participant's own and are not shown."""
    require_role(actor, Role.OFFICER)
    with transaction.atomic():
        application = selectors.application_for_officer(application_id=application_id)
        audit_record(
            action="participant.file_read",
            actor=actor,
            obj=application,
            request=request,
            details={"participant": application.participant_id, "what": "application"},
        )
    return application
