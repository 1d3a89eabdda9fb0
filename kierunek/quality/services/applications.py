"""The application for the mark: opening a case (or a renewal), the self-assessment and its
evidence, and the submission for an audit."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.uploads import upload_name, validate_upload
from kierunek.core.workflow import TransitionRefused
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider, ProviderStatus
from kierunek.providers.services import require_provider_member

from .. import audit_actions
from ..models import (
    CaseEvent,
    EvidenceFile,
    QualityMarkCase,
    QualityStandard,
    SelfAssessmentEntry,
)
from ..workflows import (
    SUBJECTS,
    TRANSITION_TEMPLATE,
    case_mail_context,
)
from .common import (
    EDITABLE_STATES,
    MAX_EVIDENCE_PER_STANDARD,
    OPEN_STATES,
    S,
    clean_text,
    guard,
    lock_case,
    move,
    standards_missing,
    tell_auditor_and_officers,
)

# --- the application and the self-assessment ---------------------------------------------------


def quality_case_open(*, provider: Provider, actor: Actor) -> QualityMarkCase:
    """An approved provider applies for the mark. One case in progress at a time; applying again
    while holding a mark (or after it expired) is a renewal of that mark."""
    with transaction.atomic():
        # Locking the provider serialises two colleagues applying at once; the partial unique
        # constraint on open cases is the backstop.
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        require_provider_member(actor.user, provider)
        if provider.status != ProviderStatus.APPROVED:
            raise ValidationError(
                _(
                    "Your institution must be approved by a programme officer before it applies for the "
                    "quality mark."
                )
            )
        if provider.quality_cases.filter(state__in=OPEN_STATES).exists():
            raise ValidationError(
                _("Your institution already has an application for the quality mark in progress.")
            )
        newest = provider.quality_cases.order_by("-created_at", "-pk").first()
        if newest is not None and newest.state == S.SUSPENDED:
            raise ValidationError(
                _(
                    "Your quality mark is suspended. You can apply again once the suspension is lifted "
                    "or ends."
                )
            )
        renewal_of = newest if newest is not None and newest.state in {S.GRANTED, S.EXPIRED} else None
        try:
            with transaction.atomic():
                case = QualityMarkCase.objects.create(
                    provider=provider, created_by=actor.user, renewal_of=renewal_of
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("Your institution already has an application for the quality mark in progress.")
            ) from exc
        CaseEvent.objects.create(
            case=case, transition="open", from_state="", to_state=case.state, actor=actor.user
        )
        audit_record(
            action=audit_actions.QUALITY_CASE_OPENED,
            actor=actor,
            obj=case,
            details={"renewal_of": renewal_of.pk if renewal_of else None},
        )
        notify(
            recipients=provider_selectors.provider_staff_users(provider=case.provider),
            subject=SUBJECTS["open"],
            template=TRANSITION_TEMPLATE,
            context=case_mail_context(case, step="open", note="", link=reverse("quality:home")),
        )
        tell_auditor_and_officers(case=case, step="open")
    return case


def self_assessment_start(*, case: QualityMarkCase, actor: Actor) -> QualityMarkCase:
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="start_self_assessment", actor=actor)
        move(case=case, transition=step, actor=actor)
    return case


def _check_editable(case: QualityMarkCase, standard: QualityStandard) -> None:
    if case.state not in EDITABLE_STATES:
        raise TransitionRefused(
            _("The self-assessment can be changed only before the application is submitted.")
        )
    if not QualityStandard.objects.filter(pk=standard.pk, active=True).exists():
        raise ValidationError({"standard": _("This standard is no longer in force.")})


def _start_if_needed(case: QualityMarkCase, actor: Actor) -> None:
    if case.state == S.APPLICATION:
        step = guard(case=case, transition="start_self_assessment", actor=actor)
        move(case=case, transition=step, actor=actor)


def self_assessment_save(
    *,
    case: QualityMarkCase,
    standard: QualityStandard,
    how_met: str,
    actor: Actor,
) -> SelfAssessmentEntry:
    """The provider describes how it meets one standard. The first entry starts the
    self-assessment; after submission the self-assessment is what the auditor reads, unchanged."""
    with transaction.atomic():
        case = lock_case(case)
        require_provider_member(actor.user, case.provider)
        _check_editable(case, standard)
        how_met = clean_text(
            how_met,
            field="how_met",
            required=True,
            message=_("Describe how your institution meets the standard."),
        )
        _start_if_needed(case, actor)
        entry, created = SelfAssessmentEntry.objects.update_or_create(
            case=case, standard=standard, defaults={"how_met": how_met, "updated_by": actor.user}
        )
        audit_record(
            action=audit_actions.QUALITY_SELF_ASSESSMENT_SAVED,
            actor=actor,
            obj=case,
            details={"standard": standard.code, "created": created},
        )
    return entry


def evidence_add(
    *,
    case: QualityMarkCase,
    standard: QualityStandard,
    upload: UploadedFile,
    actor: Actor,
) -> EvidenceFile:
    """Attach a document (PDF, PNG, JPEG; the type is read from the file) to one standard. The
    stored name is random: the person's file name is kept only as a label."""
    with transaction.atomic():
        case = lock_case(case)
        require_provider_member(actor.user, case.provider)
        _check_editable(case, standard)
        kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
        if case.evidence.filter(standard=standard).count() >= MAX_EVIDENCE_PER_STANDARD:
            raise ValidationError(
                _("A standard can have at most %(limit)d files.") % {"limit": MAX_EVIDENCE_PER_STANDARD}
            )
        original_name = os.path.basename(upload.name or "")[:200] or kind
        _start_if_needed(case, actor)
        upload.name = upload_name(uuid.uuid4().hex, kind)
        evidence = EvidenceFile.objects.create(
            case=case,
            standard=standard,
            file=upload,
            file_kind=kind,
            original_name=original_name,
            uploaded_by=actor.user,
        )
        audit_record(
            action=audit_actions.QUALITY_EVIDENCE_ADDED,
            actor=actor,
            obj=case,
            details={"standard": standard.code, "evidence": evidence.pk, "kind": kind},
        )
    return evidence


def case_submit(*, case: QualityMarkCase, actor: Actor) -> QualityMarkCase:
    """Submit the application for an audit. The self-assessment is optional (MSUES), but once
    started it must cover every standard in force."""
    with transaction.atomic():
        case = lock_case(case)
        step = guard(case=case, transition="submit", actor=actor)
        if case.state == S.SELF_ASSESSMENT:
            missing = standards_missing(case.self_assessment.values("standard"))
            if missing:
                raise ValidationError(
                    _("Describe every standard before you submit. Missing: %(codes)s.")
                    % {"codes": ", ".join(missing)}
                )
        case.submitted_at = timezone.now()
        move(
            case=case,
            transition=step,
            actor=actor,
            fields=["submitted_at"],
        )
    return case
