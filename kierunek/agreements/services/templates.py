"""The office's agreement templates: a change is a new version (its number the next), never an
edit of a saved one, so every agreement keeps pointing at the exact text it was made from."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.programmes.models import Programme

from .. import domain
from ..audit_actions import TEMPLATE_VERSION_SAVED
from ..models import AgreementTemplate, TemplateVersion

TITLE_MAX = 200
TEXT_MAX = 50_000


def _required(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value


def template_version_save(
    *,
    actor: Actor,
    programme_id: int,
    kind: str,
    title: str,
    body: str,
    legal_basis: str,
    valid_from: date,
    valid_until: date | None = None,
    note: str = "",
) -> TemplateVersion:
    """An officer saves a new version of the programme's template of ``kind`` (the template is
    made with its first version). A placeholder the kind cannot fill is refused, naming it."""
    require_role(actor.user, Role.OFFICER)
    if kind not in domain.KINDS:
        raise ValidationError({"kind": _("Choose a kind of agreement.")})
    title = _required(title, "title", TITLE_MAX)
    body = _required(body, "body", TEXT_MAX)
    legal_basis = _required(legal_basis, "legal_basis", TEXT_MAX)
    unknown = domain.unknown_placeholders(body, kind)
    if unknown:
        raise ValidationError(
            {
                "body": _("This kind of agreement has no placeholder %(names)s.")
                % {"names": ", ".join(f"{{{{ {name} }}}}" for name in unknown)}
            }
        )
    if valid_until is not None and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The last day cannot come before the first.")})
    with transaction.atomic():
        programme = Programme.objects.get(pk=programme_id)
        template, _created = AgreementTemplate.objects.get_or_create(programme=programme, kind=kind)
        template = AgreementTemplate.objects.select_for_update().get(pk=template.pk)  # numbers in turn
        number = (TemplateVersion.objects.filter(template=template).aggregate(n=Max("number"))["n"] or 0) + 1
        version = TemplateVersion.objects.create(
            template=template,
            number=number,
            title=title,
            body=body,
            legal_basis=legal_basis,
            valid_from=valid_from,
            valid_until=valid_until,
            note=(note or "").strip(),
            created_by=actor.user,
        )
        audit_record(
            action=TEMPLATE_VERSION_SAVED,
            actor=actor,
            obj=version,
            details={"kind": kind, "number": number, "programme": programme.pk},
        )
    return version
