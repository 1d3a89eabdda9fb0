"""Every change to service cards: create, edit (with history after publication), publish, cancel,
complete, import. Each keeps the search index in step inside the same transaction."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.geo.models import Gmina
from kierunek.providers.models import Provider
from kierunek.providers.services import require_provider_member

from .audit_actions import CATALOGUE_CARD_CHANGED, CATALOGUE_CARD_CREATED
from .domain import QUALIFYING_TYPES, TEXT_FIELDS, CardInput, Problem, card_problems, dedupe_key
from .hooks import hours_rules_source, qualification_register
from .models import CardRevision, CardStatus, Category, ServiceCard, ServiceSession
from .search import card_index_update
from .workflows import CARD

# Fields a provider writes, compared for the history of a published card.
TRACKED_FIELDS = [
    "title",
    "category",
    "service_type",
    "delivery_form",
    *TEXT_FIELDS,
    "hours",
    "gmina",
    "street",
    "outside_region_address",
    "price_net",
    "price_gross",
    "min_participants",
    "max_participants",
    "enrolment_deadline",
    "starts_on",
    "ends_on",
    "market_qualification",
    "qualification_code",
]


def _message(problem: Problem) -> Any:
    """A rule's message in the language of the request (kierunek.catalogue.domain), its numbers
    written as the language writes them."""
    message = gettext_lazy(problem.message)
    params = {
        name: number_format(value) if isinstance(value, Decimal) else value
        for name, value in problem.params.items()
    }
    return message % params if params else message


def _resolve(data: CardInput) -> dict[str, Any]:
    """The card's field values, or ValidationError naming every field that is wrong; the declared
    hours are checked against the sessions under the programme's hours rule in force today."""
    rules = hours_rules_source.on(timezone.localdate())
    problems: dict[str, list[Any]] = {
        name: [_message(problem) for problem in found] for name, found in card_problems(data, rules).items()
    }
    category = Category.objects.filter(code=data.category_code).first()
    if category is None:
        problems.setdefault("category", []).append(_("Choose a category from the list."))
    gmina = None
    if data.gmina_teryt:
        gmina = Gmina.objects.filter(teryt=data.gmina_teryt).first()
        if gmina is None:
            problems.setdefault("gmina", []).append(_("No gmina of Małopolska has this TERYT code."))
    qualification_code = data.qualification_code.strip()
    if qualification_code and not qualification_register.is_known(qualification_code):
        problems.setdefault("qualification_code", []).append(
            _("The register of qualifications has no qualification with this code.")
        )
    if problems:
        raise ValidationError(problems)
    remote = data.delivery_form in {"remote_live", "remote_self_paced"}
    return {
        "title": data.title.strip(),
        "category": category,
        "service_type": data.service_type,
        "delivery_form": data.delivery_form,
        "goal": data.goal.strip(),
        "learning_outcomes": data.learning_outcomes.strip(),
        "programme": data.programme.strip(),
        "target_group": data.target_group.strip(),
        "participation_conditions": data.participation_conditions.strip(),
        "technical_requirements": data.technical_requirements.strip(),
        "hours": data.hours,
        "gmina": None if remote and not data.gmina_teryt else gmina,
        "street": data.street.strip(),
        "outside_region_address": data.outside_region_address.strip(),
        "price_net": data.price_net,
        "price_gross": data.price_gross,
        "min_participants": data.min_participants,
        "max_participants": data.max_participants,
        "enrolment_deadline": data.enrolment_deadline,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "market_qualification": data.market_qualification.strip(),
        "qualification_code": qualification_code,
    }


def _place(values: dict[str, Any]) -> str:
    gmina = values["gmina"]
    if gmina is not None:
        return f"{gmina.teryt} {values['street']}"
    return values["outside_region_address"] or "remote"


def _refuse_duplicate(*, provider: Provider, key: str, exclude_pk: int | None = None) -> None:
    duplicates = ServiceCard.objects.filter(provider=provider, dedupe_key=key).exclude(
        status=CardStatus.CANCELLED
    )
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError({"title": [_duplicate_message()]})


def _duplicate_message() -> str:
    return _("Your institution already has a service with the same title, dates and place.")


def _write_sessions(card: ServiceCard, data: CardInput) -> None:
    card.sessions.all().delete()
    ServiceSession.objects.bulk_create(
        ServiceSession(
            card=card, date=s.date, start_time=s.start_time, end_time=s.end_time, place=s.place.strip()
        )
        for s in sorted(data.sessions, key=lambda s: (s.date, s.start_time))
    )


def card_check(*, provider: Provider, data: CardInput) -> str:
    """Check a new card as ``card_create`` would, writing nothing: ValidationError names every
    field that is wrong, or the provider's card it would duplicate. Returns the card's dedupe key,
    so that a caller checking many cards before writing any finds duplicates among them too."""
    values = _resolve(data)
    key = dedupe_key(
        title=values["title"], starts_on=values["starts_on"], ends_on=values["ends_on"], place=_place(values)
    )
    _refuse_duplicate(provider=provider, key=key)
    return key


def card_create(*, provider: Provider, data: CardInput, actor: Actor) -> ServiceCard:
    """A new card, as a draft. Refuses a duplicate of one of the provider's cards."""
    require_provider_member(actor.user, provider)
    values = _resolve(data)
    key = dedupe_key(
        title=values["title"], starts_on=values["starts_on"], ends_on=values["ends_on"], place=_place(values)
    )
    _refuse_duplicate(provider=provider, key=key)
    try:
        with transaction.atomic():
            card = ServiceCard.objects.create(
                provider=provider, dedupe_key=key, created_by=actor.user, **values
            )
            _write_sessions(card, data)
            audit_record(action=CATALOGUE_CARD_CREATED, actor=actor, obj=card)
    except IntegrityError as exc:
        # Another request wrote the same service between the check and the insert.
        raise ValidationError({"title": [_duplicate_message()]}) from exc
    return card


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def card_update(*, card: ServiceCard, data: CardInput, actor: Actor) -> ServiceCard:
    """Change a draft or a published card. Changes to a published card are kept as its history
    and audited; the search index follows."""
    require_provider_member(actor.user, card.provider)
    values = _resolve(data)
    key = dedupe_key(
        title=values["title"], starts_on=values["starts_on"], ends_on=values["ends_on"], place=_place(values)
    )
    with transaction.atomic():
        card = ServiceCard.objects.select_for_update().get(pk=card.pk)
        if card.status not in (CardStatus.DRAFT, CardStatus.PUBLISHED):
            raise ValidationError(_("A completed or cancelled service cannot be changed."))
        _refuse_duplicate(provider=card.provider, key=key, exclude_pk=card.pk)
        if values["max_participants"] < card.seats_taken:
            raise ValidationError(
                {
                    "max_participants": [
                        _("%(taken)d places are already taken: the maximum cannot be lower.")
                        % {"taken": card.seats_taken}
                    ]
                }
            )
        old_sessions = [str(s) + " " + s.place for s in card.sessions.all()]
        changes = {
            name: [_text(getattr(card, name)), _text(value)]
            for name, value in values.items()
            if _text(getattr(card, name)) != _text(value)
        }
        for name, value in values.items():
            setattr(card, name, value)
        card.dedupe_key = key
        try:
            with transaction.atomic():
                card.save()
        except IntegrityError as exc:
            # Another request wrote the same service between the check and this change.
            raise ValidationError({"title": [_duplicate_message()]}) from exc
        _write_sessions(card, data)
        new_sessions = [str(s) + " " + s.place for s in card.sessions.all()]
        if old_sessions != new_sessions:
            changes["sessions"] = ["; ".join(old_sessions), "; ".join(new_sessions)]
        if changes and card.status == CardStatus.PUBLISHED:
            CardRevision.objects.create(card=card, changed_by=actor.user, changes=changes)
            audit_record(
                action=CATALOGUE_CARD_CHANGED, actor=actor, obj=card, details={"fields": sorted(changes)}
            )
        card_index_update(card=card)
    return card


def card_publish(*, card: ServiceCard, actor: Actor, today: date) -> ServiceCard:
    """Make a draft visible in the catalogue. Only an approved provider publishes, and only a
    service whose enrolment is still open."""
    require_provider_member(actor.user, card.provider)
    if not card.provider.is_approved:
        raise PermissionDenied(
            _("Your institution must be approved by the programme office before it publishes services.")
        )
    with transaction.atomic():
        card = ServiceCard.objects.select_for_update().select_related("provider").get(pk=card.pk)
        CARD.check(state=card.status, name="publish", obj=card)
        if card.enrolment_deadline < today:
            raise ValidationError(_("The enrolment deadline has passed: change the dates before publishing."))
        card.published_at = timezone.now()
        CARD.apply(card, "publish", actor=actor, check_role=False, fields=["published_at"], details={})
        card_index_update(card=card)
    return card


def card_cancel(*, card: ServiceCard, actor: Actor, reason: str) -> ServiceCard:
    """Withdraw a draft or a published card; a published card's history shows why."""
    require_provider_member(actor.user, card.provider)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the service is cancelled: participants will read it.")]})
    with transaction.atomic():
        card = ServiceCard.objects.select_for_update().get(pk=card.pk)
        CARD.apply(
            card,
            "cancel",
            actor=actor,
            check_role=False,
            note=reason.strip(),
            details={"reason": reason.strip()},
        )
        card_index_update(card=card)
    return card


def card_complete(*, card: ServiceCard, actor: Actor, today: date) -> ServiceCard:
    """Mark a published card completed, after its last session."""
    require_provider_member(actor.user, card.provider)
    with transaction.atomic():
        card = ServiceCard.objects.select_for_update().get(pk=card.pk)
        CARD.check(state=card.status, name="complete", obj=card)
        if card.ends_on > today:
            raise ValidationError(_("The service can be marked completed after its last session."))
        CARD.apply(card, "complete", actor=actor, check_role=False, details={})
        card_index_update(card=card)
    return card


# --- what other contexts record on a card -------------------------------------------------------
# The catalogue owns its cards' rows: bookings and ratings reach them through these services.


def card_seat_take(*, card_id: int) -> None:
    """A booking holds one more seat of the card. The caller has checked that a seat is free."""
    ServiceCard.objects.filter(pk=card_id).update(seats_taken=F("seats_taken") + 1)


def card_seat_release(*, card_id: int) -> None:
    """A booking gives its seat back (never below zero)."""
    ServiceCard.objects.filter(pk=card_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


def card_rating_set(*, card_id: int, average: float | None, count: int) -> None:
    """Show the card's rating (``average`` None while too few people have answered) and bring the
    search index up to date."""
    ServiceCard.objects.filter(pk=card_id).update(rating_average=average, rating_count=count)
    card_index_update(card=ServiceCard.objects.get(pk=card_id))


def card_qualification_link(*, card_id: int, code: str) -> None:
    """Name ``code`` as the qualification of the register an exam card leads to, for data loaded
    without a person (the demo; a future import from the national services register): no history
    row, since nobody changed the card; the provider's own changes go through ``card_update``.
    Refuses a card of another type and a code the register does not have."""
    card = ServiceCard.objects.get(pk=card_id)
    if card.service_type not in QUALIFYING_TYPES:
        raise ValidationError(
            {
                "qualification_code": [
                    _(
                        "Only an exam, a training, a validation or a certification leads to a "
                        "qualification of the register."
                    )
                ]
            }
        )
    if code and not qualification_register.is_known(code):
        raise ValidationError(
            {"qualification_code": [_("The register of qualifications has no qualification with this code.")]}
        )
    ServiceCard.objects.filter(pk=card_id).update(qualification_code=code)
