"""Bodies and groups of a partnership and their members: the office sets a body up, adds a
council's terms and its members; a group's leader (partner staff) keeps the members of their own
group. Members are people from partner institutions (members of the body's partnership)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role

from .. import domain
from .. import domain_bodies as rules
from ..audit_actions_bodies import BODY_CREATED, BODY_UPDATED, MEMBER_ADDED, MEMBER_LEFT, TERM_ADDED
from ..models import Institution, Partnership
from ..models_bodies import Body, BodyKind, BodyMember, BodyTerm, MemberFunction
from .bodies_common import locked_body, require_member_manager
from .common import text


def _slug(partnership: Partnership, name: str) -> str:
    base = (slugify(name.translate(str.maketrans("łŁ", "lL"))) or "zespol")[:100]
    slug, n = base, 1
    while Body.objects.filter(partnership=partnership, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def body_create(
    *,
    actor: Actor,
    partnership_id: int,
    kind: str,
    name: str,
    topic: str = "",
    meetings_per_year: int | None = None,
    established_on: date | None = None,
) -> Body:
    """The office sets up a body or group of a partnership."""
    require_role(actor.user, Role.OFFICER)
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choose the kind of body.")})
    name = text(name, "name", 200)
    topic = text(topic, "topic", 5000, required=kind in rules.GROUPS)
    if meetings_per_year is not None and not 1 <= meetings_per_year <= 52:
        raise ValidationError({"meetings_per_year": _("Between 1 and 52 meetings a year.")})
    established_on = established_on or timezone.localdate()
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
        body = Body.objects.create(
            partnership=partnership,
            kind=kind,
            name=name,
            slug=_slug(partnership, name),
            topic=topic,
            meetings_per_year=meetings_per_year,
            established_on=established_on,
        )
        audit_record(action=BODY_CREATED, actor=actor, obj=body, details={"partnership": partnership.code})
    return body


def body_update(
    *,
    actor: Actor,
    body_id: int,
    name: str,
    topic: str = "",
    meetings_per_year: int | None = None,
    dissolved_on: date | None = None,
) -> Body:
    """The office changes a body's name, topic and rhythm of meetings, or records the day it was
    dissolved (it then leaves the public list; its page, decisions and products stay)."""
    require_role(actor.user, Role.OFFICER)
    name = text(name, "name", 200)
    if meetings_per_year is not None and not 1 <= meetings_per_year <= 52:
        raise ValidationError({"meetings_per_year": _("Between 1 and 52 meetings a year.")})
    if dissolved_on is not None and dissolved_on > timezone.localdate():
        raise ValidationError({"dissolved_on": _("The day cannot be in the future.")})
    with transaction.atomic():
        body = locked_body(body_id)
        topic = text(topic, "topic", 5000, required=body.is_group)
        if dissolved_on is not None and dissolved_on < body.established_on:
            raise ValidationError({"dissolved_on": _("A body cannot be dissolved before it was set up.")})
        values = {
            "name": name,
            "topic": topic,
            "meetings_per_year": meetings_per_year,
            "dissolved_on": dissolved_on,
        }
        changed = sorted(field for field, value in values.items() if getattr(body, field) != value)
        for field, value in values.items():
            setattr(body, field, value)
        body.save(update_fields=[*values, "updated_at"])
        audit_record(action=BODY_UPDATED, actor=actor, obj=body, details={"changed": changed})
    return body


def term_add(*, actor: Actor, body_id: int, starts_on: date, ends_on: date | None = None) -> BodyTerm:
    """A council's next term, three years unless ``ends_on`` says otherwise; terms never overlap."""
    require_role(actor.user, Role.OFFICER)
    ends_on = ends_on or rules.term_end(starts_on)
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("A term ends after it starts.")})
    with transaction.atomic():
        body = locked_body(body_id)
        if not body.has_terms:
            raise ValidationError(_("Only a council has terms."))
        terms = list(body.terms.all())
        if any(rules.terms_overlap((starts_on, ends_on), (t.starts_on, t.ends_on)) for t in terms):
            raise ValidationError({"starts_on": _("The term overlaps another term of this council.")})
        term = BodyTerm.objects.create(
            body=body,
            number=max((t.number for t in terms), default=0) + 1,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        audit_record(
            action=TERM_ADDED, actor=actor, obj=body, details={"term": term.number, "to": ends_on.isoformat()}
        )
    return term


def member_add(
    *,
    actor: Actor,
    body_id: int,
    institution_id: int,
    first_name: str,
    last_name: str,
    function: str,
    email: str = "",
    joined_on: date | None = None,
) -> BodyMember:
    """Seat a person from a partner institution in the body. A council's member sits in the term
    that runs on the day they join; a group's leader names members but not another leader."""
    require_role(actor.user, Role.OFFICER, Role.PARTNER_STAFF)
    first_name = text(first_name, "first_name", 100)
    last_name = text(last_name, "last_name", 100)
    email = text(email, "email", 254, required=False).lower()
    today = timezone.localdate()
    joined_on = joined_on or today
    if joined_on > today:
        raise ValidationError({"joined_on": _("The day cannot be in the future.")})
    with transaction.atomic():
        body = locked_body(body_id)
        require_member_manager(actor, body)
        if function not in rules.FUNCTIONS_OF[body.kind]:
            raise ValidationError({"function": _("This body has no such function.")})
        if actor.role == Role.PARTNER_STAFF and function == rules.LEADER:
            raise PermissionDenied(_("The programme office names a group's leader."))
        institution = Institution.objects.filter(pk=institution_id).first()
        if (
            institution is None
            or not institution.memberships.filter(partnership=body.partnership, status=domain.MEMBER).exists()
        ):
            raise ValidationError(
                {"institution": _("Choose an institution that is a member of the partnership.")}
            )
        term = None
        if body.has_terms:
            term = body.terms.filter(starts_on__lte=joined_on, ends_on__gte=joined_on).first()
            if term is None:
                raise ValidationError(
                    {"joined_on": _("No term of the council runs on that day: add the term first.")}
                )
        open_seats = body.members.filter(left_on__isnull=True)
        if function in rules.SINGLE and open_seats.filter(function=function).exists():
            raise ValidationError(
                {
                    "function": _("The body already has a %(function)s.")
                    % {"function": MemberFunction(function).label}
                }
            )
        if email and open_seats.filter(email=email).exists():
            raise ValidationError({"email": _("This person already sits in the body.")})
        user = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
        try:
            with transaction.atomic():
                member = BodyMember.objects.create(
                    body=body,
                    term=term,
                    institution=institution,
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    user=user,
                    function=function,
                    joined_on=joined_on,
                    added_by=actor.user,
                )
        except IntegrityError:  # a concurrent seat won the unique constraint
            raise ValidationError(_("The seat was just taken. Reload the page.")) from None
        audit_record(
            action=MEMBER_ADDED, actor=actor, obj=body, details={"member": member.pk, "function": function}
        )
    return member


def member_leave(*, actor: Actor, member_id: int, left_on: date | None = None) -> BodyMember:
    """Record the day a member left the body (inclusive). A leader's seat is the office's to end."""
    require_role(actor.user, Role.OFFICER, Role.PARTNER_STAFF)
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("The day cannot be in the future.")})
    body_id = BodyMember.objects.values_list("body_id", flat=True).get(pk=member_id)
    with transaction.atomic():
        body = locked_body(body_id)
        require_member_manager(actor, body)
        member = BodyMember.objects.select_for_update().get(pk=member_id)
        if member.left_on is not None:
            raise ValidationError(_("This member has already left."))
        if actor.role == Role.PARTNER_STAFF and member.function == rules.LEADER:
            raise PermissionDenied(_("The programme office ends a group leader's seat."))
        if left_on < member.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})
        member.left_on = left_on
        member.save(update_fields=["left_on"])
        audit_record(action=MEMBER_LEFT, actor=actor, obj=body, details={"member": member.pk})
    return member
