"""Partner institutions: the office adds one and links partner-staff accounts to it; its own staff
(or an officer) keep its profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.models import Gmina

from ..audit_actions import INSTITUTION_CREATED, INSTITUTION_UPDATED, STAFF_LINKED
from ..models import Institution, InstitutionKind, InstitutionStaff
from ..search import text_of
from .common import locked_institution, require_institution_access, text

PROFILE_FIELDS = (
    "name",
    "kind",
    "description",
    "gmina",
    "street_address",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "contact_name",
    "contact_title",
)
LIMITS = {
    "name": 300,
    "description": 5000,
    "street_address": 200,
    "city": 100,
    "email": 254,
    "phone": 40,
    "website": 200,
    "contact_name": 200,
    "contact_title": 200,
}
OPTIONAL = {"phone", "website", "contact_name", "contact_title"}
RESERVED_SLUGS = {"hsds", "entries", "wpisy"}


def _cleaned(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, limit in LIMITS.items():
        values[field] = text(data.get(field), field, limit, required=field not in OPTIONAL)
    if data.get("kind") not in InstitutionKind.values:
        raise ValidationError({"kind": _("Choose a type of institution.")})
    values["kind"] = data["kind"]
    postal_code = str(data.get("postal_code") or "").strip()
    if len(postal_code) != 6 or postal_code[2] != "-" or not (postal_code[:2] + postal_code[3:]).isdigit():
        raise ValidationError({"postal_code": _("Enter a postal code like 31-513.")})
    values["postal_code"] = postal_code
    gmina = data.get("gmina")
    if not isinstance(gmina, Gmina):
        raise ValidationError({"gmina": _("Choose a gmina of Małopolska.")})
    values["gmina"] = gmina
    values["powiat"] = gmina.powiat
    return values


def _index(institution: Institution) -> None:
    institution.search_text = text_of(
        institution.name, institution.description, institution.city, institution.get_kind_display()
    )


def _unique_slug(name: str) -> str:
    base = (slugify(name.translate(str.maketrans("łŁ", "lL"))) or "instytucja")[:100]
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Institution.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def institution_create(*, actor: Actor, data: Mapping[str, Any], is_demo: bool = False) -> Institution:
    """The office adds a partner institution (its staff then keep its profile)."""
    require_role(actor.user, Role.OFFICER)
    values = _cleaned(data)
    with transaction.atomic():
        institution = Institution(**values, slug=_unique_slug(values["name"]), is_demo=is_demo)
        _index(institution)
        institution.save()
        audit_record(action=INSTITUTION_CREATED, actor=actor, obj=institution)
    return institution


def institution_update(*, actor: Actor, institution_id: int, data: Mapping[str, Any]) -> Institution:
    """The institution's own staff, or an officer, change its profile (its address stays)."""
    require_institution_access(actor, institution_id)
    values = _cleaned(data)
    with transaction.atomic():
        institution = locked_institution(institution_id)
        changed = sorted(field for field, value in values.items() if getattr(institution, field) != value)
        for field, value in values.items():
            setattr(institution, field, value)
        _index(institution)
        institution.save()
        audit_record(action=INSTITUTION_UPDATED, actor=actor, obj=institution, details={"changed": changed})
    return institution


def institution_staff_link(*, actor: Actor, institution_id: int, email: str) -> InstitutionStaff:
    """An officer links a partner-staff account (by its e-mail) to the institution it works for.
    An account works for one institution: linking it again moves it."""
    require_role(actor.user, Role.OFFICER)
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None or user.role != Role.PARTNER_STAFF:
        raise ValidationError({"email": _("No active partner-staff account has this e-mail.")})
    with transaction.atomic():
        institution = locked_institution(institution_id)
        link, _created = InstitutionStaff.objects.update_or_create(
            user=user, defaults={"institution": institution, "linked_by": actor.user}
        )
        audit_record(action=STAFF_LINKED, actor=actor, obj=institution, details={"user": user.pk})
    return link
