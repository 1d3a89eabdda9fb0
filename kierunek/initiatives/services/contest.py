"""The contest's editions and the gminas' applications: the office prepares an edition (rules,
dates, criteria, workshops as events) and moves it along; a gmina's staff apply with their planned
actions, attend the workshops (stage I, counted from the events' check-ins), and report what they
implemented with evidence (stage II). Each change in one transaction, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.events.models import EventKind
from kierunek.events.services import EventData, event_create
from kierunek.geo.models import Gmina

from .. import domain, selectors
from ..audit_actions import (
    APPLICATION_SUBMITTED,
    CRITERION_ADDED,
    EDITION_SAVED,
    EVIDENCE_UPLOADED,
    WORKSHOP_ADDED,
)
from ..models import (
    ApplicationChange,
    ContestApplication,
    ContestEdition,
    ContestWorkshop,
    Criterion,
    Evidence,
)
from ..workflows import APPLICATION, EDITION


@dataclass(frozen=True)
class EditionData:
    number: int
    year: int
    title: str
    rules: str
    applications_open_on: date
    applications_close_on: date
    stage_one_ends_on: date
    reports_due_on: date
    results_on: date
    workshops_required: int = 1


def gmina_of(actor: Actor) -> Gmina:
    """The gmina a gmina-staff person works for (else PermissionDenied)."""
    if actor.user is None or actor.role != Role.GMINA_STAFF:
        raise PermissionDenied(_("Only a gmina's staff act for the gmina."))
    staff = GminaStaff.objects.select_related("gmina").filter(user=actor.user).first()
    if staff is None:
        raise PermissionDenied(_("Your account is not linked to a gmina yet."))
    return staff.gmina


def edition_create(
    *, actor: Actor, data: EditionData, rules_document: UploadedFile | None = None
) -> ContestEdition:
    require_role(actor, Role.OFFICER)
    if not data.title.strip() or not data.rules.strip():
        raise ValidationError(_("Give the edition's title and its rules in brief."))
    dates = [
        data.applications_open_on,
        data.applications_close_on,
        data.stage_one_ends_on,
        data.reports_due_on,
        data.results_on,
    ]
    if dates != sorted(dates):
        raise ValidationError(_("The dates must follow each other: applications, stage I, reports, results."))
    if data.workshops_required < 0:
        raise ValidationError({"workshops_required": _("Give zero or more workshops.")})
    kind = ""
    if rules_document is not None:
        kind = validate_upload(rules_document, kinds=("pdf",), max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    with transaction.atomic():
        if (
            ContestEdition.objects.filter(year=data.year).exists()
            or ContestEdition.objects.filter(number=data.number).exists()
        ):
            raise ValidationError(_("An edition of this number or year already exists."))
        edition = ContestEdition.objects.create(
            number=data.number,
            year=data.year,
            title=data.title.strip(),
            rules=data.rules.strip(),
            applications_open_on=data.applications_open_on,
            applications_close_on=data.applications_close_on,
            stage_one_ends_on=data.stage_one_ends_on,
            reports_due_on=data.reports_due_on,
            results_on=data.results_on,
            workshops_required=data.workshops_required,
            rules_document_kind=kind,
        )
        if rules_document is not None:
            edition.rules_document.save(f"egm-{data.year}.pdf", rules_document, save=True)
        audit_record(action=EDITION_SAVED, actor=actor, obj=edition, details={"year": edition.year})
    return edition


def criterion_add(
    *, actor: Actor, edition_id: int, name: str, max_points: int, weight: int, description: str = ""
) -> Criterion:
    """A criterion the jury scores by, added while the edition is prepared or open."""
    require_role(actor, Role.OFFICER)
    if not name.strip():
        raise ValidationError({"name": _("This field is required.")})
    if max_points < 1 or weight < 1:
        raise ValidationError(_("A criterion has at least one point and a weight of at least one."))
    with transaction.atomic():
        edition = ContestEdition.objects.select_for_update().get(pk=edition_id)
        if edition.status not in (domain.DRAFT, domain.OPEN):
            raise ValidationError(_("Criteria are set before the applications close."))
        if edition.criteria.filter(name=name.strip()).exists():
            raise ValidationError({"name": _("The edition already has this criterion.")})
        criterion = Criterion.objects.create(
            edition=edition,
            name=name.strip(),
            description=description.strip(),
            max_points=max_points,
            weight=weight,
            position=edition.criteria.count() + 1,
        )
        audit_record(action=CRITERION_ADDED, actor=actor, obj=edition, details={"criterion": criterion.pk})
    return criterion


def edition_move(*, actor: Actor, edition_id: int, name: str) -> ContestEdition:
    """Open, close the applications, hand over to the jury, publish: the kit checks the state and
    the role; opening needs criteria, publishing a result for every reported gmina."""
    with transaction.atomic():
        edition = ContestEdition.objects.select_for_update().get(pk=edition_id)
        if name == "open" and not edition.criteria.exists():
            raise ValidationError(_("Add the criteria the jury will score by first."))
        if name == "publish":
            unscored = [row for row in selectors.edition_results(edition) if row.result is None]
            if unscored:
                raise ValidationError(
                    _("The jury has not scored every reported gmina yet: %(gminas)s.")
                    % {"gminas": ", ".join(row.application.gmina.name for row in unscored)}
                )
        EDITION.apply(edition, name, actor=actor)
    return edition


def workshop_add(*, actor: Actor, edition_id: int, data: EventData) -> ContestWorkshop:
    """One of the edition's workshops, organised as an event (the officer is its organiser and
    checks the gminas' staff in at the door)."""
    require_role(actor, Role.OFFICER)
    with transaction.atomic():
        edition = ContestEdition.objects.select_for_update().get(pk=edition_id)
        if edition.status == domain.PUBLISHED:
            raise ValidationError(_("The edition is over."))
        fields = {**data.__dict__, "kind": EventKind.LOCAL_WORKSHOP}
        event = event_create(actor=actor, data=EventData(**fields))
        workshop = ContestWorkshop.objects.create(edition=edition, event=event)
        audit_record(action=WORKSHOP_ADDED, actor=actor, obj=edition, details={"event": event.pk})
    return workshop


def application_submit(*, actor: Actor, edition_id: int, planned_actions: str) -> ContestApplication:
    gmina = gmina_of(actor)
    if not planned_actions.strip():
        raise ValidationError({"planned_actions": _("Describe the actions the gmina plans.")})
    with transaction.atomic():
        edition = ContestEdition.objects.select_for_update().get(pk=edition_id)
        if edition.status != domain.OPEN:
            raise ValidationError(_("The edition does not take applications now."))
        if ContestApplication.objects.filter(edition=edition, gmina=gmina).exists():
            raise ValidationError(_("Your gmina has already applied to this edition."))
        application = ContestApplication.objects.create(
            edition=edition, gmina=gmina, submitted_by=actor.user, planned_actions=planned_actions.strip()
        )
        ApplicationChange.objects.create(  # the history's first row: applied
            application=application, status_to=domain.SUBMITTED, actor=actor.user
        )
        audit_record(
            action=APPLICATION_SUBMITTED, actor=actor, obj=application, details={"gmina": gmina.teryt}
        )
    return application


def _own(actor: Actor, application_id: int) -> ContestApplication:
    gmina = gmina_of(actor)
    return ContestApplication.objects.select_related("edition").get(pk=application_id, gmina=gmina)


def application_move(*, actor: Actor, application_id: int, name: str, note: str = "") -> ContestApplication:
    """Admit, reject (with the reason), confirm stage I (the office), withdraw (the gmina)."""
    with transaction.atomic():
        if actor.role == Role.GMINA_STAFF:
            application = _own(actor, application_id)
        else:
            require_role(actor, Role.OFFICER)
            application = ContestApplication.objects.select_related("edition").get(pk=application_id)
        if name == "reject" and not note.strip():
            raise ValidationError({"note": _("Give the reason.")})
        if name == "complete_stage_one":
            attended = selectors.workshops_attended(application)
            required = application.edition.workshops_required
            if not domain.workshops_enough(attended, required):
                raise ValidationError(
                    _("The gmina's staff attended %(attended)d of the %(required)d workshops required.")
                    % {"attended": attended, "required": required}
                )
        if name == "report":
            raise ValueError("the report is submitted with report_submit")
        APPLICATION.apply(application, name, actor=actor, note=note.strip())
    return application


def evidence_upload(*, actor: Actor, application_id: int, title: str, upload: UploadedFile) -> Evidence:
    """A file that shows an action was carried out, while the gmina implements (stage II)."""
    file_kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    with transaction.atomic():
        application = _own(actor, application_id)
        if application.status != domain.STAGE_TWO:
            raise ValidationError(_("Evidence is added during stage II, before the report is submitted."))
        evidence = Evidence.objects.create(
            application=application,
            title=title.strip()[:200],
            file=upload,
            file_kind=file_kind,
            uploaded_by=actor.user,
        )
        audit_record(
            action=EVIDENCE_UPLOADED, actor=actor, obj=application, details={"evidence": evidence.pk}
        )
    return evidence


def report_submit(*, actor: Actor, application_id: int, report: str) -> ContestApplication:
    """Stage II's implementation report: what the gmina did, with the evidence uploaded."""
    if not report.strip():
        raise ValidationError({"report": _("Describe what the gmina implemented.")})
    with transaction.atomic():
        application = _own(actor, application_id)
        if not application.evidence.exists():
            raise ValidationError(_("Upload at least one piece of evidence first."))
        application.report = report.strip()
        application.reported_at = timezone.now()
        APPLICATION.apply(application, "report", actor=actor, fields=["report", "reported_at"])
    return application
