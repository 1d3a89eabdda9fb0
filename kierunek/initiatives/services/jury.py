"""The jury: the office appoints jurors (officers or partner staff) per edition; a juror first
declares, for each gmina, whether they have a conflict of interest with it, and only with none
scores its report by the edition's criteria; the office grants the awards. Each change in one
transaction, audited."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import AWARD_GRANTED, CONFLICT_DECLARED, JUROR_APPOINTED, SCORES_SAVED
from ..models import Award, ConflictDeclaration, ContestApplication, ContestEdition, Juror, Score
from ..workflows import JUROR_ROLES


def juror_appoint(*, actor: Actor, edition_id: int, email: str) -> Juror:
    require_role(actor, Role.OFFICER)
    with transaction.atomic():
        edition = ContestEdition.objects.select_for_update().get(pk=edition_id)
        if edition.status == domain.PUBLISHED:
            raise ValidationError(_("The edition is over."))
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None or user.role not in JUROR_ROLES:
            raise ValidationError({"email": _("No officer or partner staff account has this e-mail.")})
        if Juror.objects.filter(edition=edition, user=user).exists():
            raise ValidationError({"email": _("This person already sits on the jury.")})
        juror = Juror.objects.create(edition=edition, user=user, appointed_by=actor.user)
        audit_record(action=JUROR_APPOINTED, actor=actor, obj=edition, details={"juror": user.pk})
    return juror


def _juror_for(actor: Actor, application: ContestApplication) -> Juror:
    """The actor's seat on the application's jury; the application does not exist for others."""
    if actor.user is None or actor.role not in JUROR_ROLES:
        raise PermissionDenied(_("Only the edition's jurors score."))
    juror = Juror.objects.filter(edition_id=application.edition_id, user=actor.user).first()
    if juror is None:
        raise ContestApplication.DoesNotExist
    return juror


def _scorable(application_id: int) -> ContestApplication:
    application = ContestApplication.objects.select_related("edition", "gmina").get(pk=application_id)
    if application.edition.status != domain.JUDGING:
        raise ValidationError(_("The jury scores while the edition is with the jury."))
    if application.status != domain.REPORTED:
        raise ValidationError(_("Only a gmina that reported its implementation is scored."))
    return application


def conflict_declare(
    *, actor: Actor, application_id: int, has_conflict: bool, statement: str = ""
) -> ConflictDeclaration:
    """The juror declares, before scoring the gmina, whether they have a conflict of interest
    with it (they work for it, a relative does, they advised it...). Once: a conflict keeps them
    out of this gmina's scoring."""
    with transaction.atomic():
        application = _scorable(application_id)
        juror = _juror_for(actor, application)
        if has_conflict and not statement.strip():
            raise ValidationError({"statement": _("Describe the conflict of interest.")})
        if ConflictDeclaration.objects.filter(juror=juror, application=application).exists():
            raise ValidationError(_("You have already declared for this gmina."))
        declaration = ConflictDeclaration.objects.create(
            juror=juror, application=application, has_conflict=has_conflict, statement=statement.strip()
        )
        audit_record(
            action=CONFLICT_DECLARED, actor=actor, obj=application, details={"has_conflict": has_conflict}
        )
    return declaration


def scores_save(*, actor: Actor, application_id: int, points: Mapping[int, int]) -> list[Score]:
    """The juror's points for every criterion of the edition (changed until the results are
    published), after declaring no conflict of interest with the gmina."""
    with transaction.atomic():
        application = _scorable(application_id)
        juror = _juror_for(actor, application)
        declaration = ConflictDeclaration.objects.filter(juror=juror, application=application).first()
        if declaration is None:
            raise ValidationError(_("Declare first whether you have a conflict of interest with this gmina."))
        if declaration.has_conflict:
            raise PermissionDenied(
                _("You declared a conflict of interest with this gmina: you do not score it.")
            )
        criteria = list(application.edition.criteria.all())
        if set(points) != {c.pk for c in criteria}:
            raise ValidationError(_("Give points for every criterion."))
        for criterion in criteria:
            given = points[criterion.pk]
            if not 0 <= given <= criterion.max_points:
                raise ValidationError(
                    _("%(criterion)s: from 0 to %(max)d points.")
                    % {"criterion": criterion.name, "max": criterion.max_points}
                )
        saved = []
        now = timezone.now()
        for criterion in criteria:
            score, _created = Score.objects.update_or_create(
                juror=juror,
                application=application,
                criterion=criterion,
                defaults={"points": points[criterion.pk], "scored_at": now},
            )
            saved.append(score)
        audit_record(
            action=SCORES_SAVED,
            actor=actor,
            obj=application,
            details={"points": {str(k): v for k, v in sorted(points.items())}},
        )
    return saved


def award_grant(*, actor: Actor, application_id: int, title: str) -> Award:
    require_role(actor, Role.OFFICER)
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    with transaction.atomic():
        application = _scorable(application_id)
        if Award.objects.filter(application=application, title=title.strip()).exists():
            raise ValidationError({"title": _("The gmina already has this award.")})
        award = Award.objects.create(
            edition=application.edition,
            application=application,
            title=title.strip()[:200],
            granted_by=actor.user,
        )
        audit_record(action=AWARD_GRANTED, actor=actor, obj=application, details={"award": award.title})
    return award
