"""Services recommended for each development area of a signed plan.

The candidates come from the catalogue: published services with free places and open enrolment
in the area's categories (and their subcategories), services leading to the area's market
qualification, and what the catalogue's full-text search finds for the area's keywords. Their
voucher cost follows the programme's consumption rule in force on each service's start date. The
ranking itself is the pure :func:`kierunek.guidance.domain.rank_services`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.catalogue.domain import HoursRules, Meeting
from kierunek.catalogue.models import REMOTE_FORMS, CardStatus, Category, ServiceCard, ServiceSession
from kierunek.catalogue.search import SearchParams, SearchParamsError, search_cards
from kierunek.catalogue.search.text import document_tokens
from kierunek.core.money import Money
from kierunek.geo.domain import search_key
from kierunek.programmes import domain as programme_rules
from kierunek.programmes.hours_rules import hours_rules_from
from kierunek.programmes.models import Programme, RuleVersion
from kierunek.programmes.selectors import (
    current_application,
    packages_of,
    programme_current,
    rule_versions_of,
)
from kierunek.programmes.service_type_rules import (
    BASIS_NOT_PAYABLE,
    ServiceTypeRules,
    service_cost,
    service_type_rules_from,
)
from kierunek.qualifications.models import LearningOutcome, Qualification
from kierunek.quality.selectors import providers_holding_valid_mark

from . import domain, domain_validation
from .domain import PlanStatus, Point, Reason, ReasonCode
from .hooks import vouchers_left
from .models import CompetenceBalance, DevelopmentArea
from .selectors import areas_of, own_balance, profile_of

MAX_CANDIDATES_PER_SOURCE = 300
MAX_KEYWORD_SEARCHES = 3


@dataclass(frozen=True)
class RecommendedService:
    card: ServiceCard
    score: float
    vouchers: int
    covered: int  # grosze: what the vouchers are worth (vouchers x the unit of the rule)
    top_up: int  # grosze
    reasons: tuple[str, ...]  # sentences for the person


@dataclass(frozen=True)
class ValidationAdvice:
    """How much of the area's qualification the competence profile covers, and so whether its
    validation comes before training (``coverage.validation_first``), with the reason: the
    outcomes covered (and by which competence) and those still missing."""

    qualification: Qualification
    coverage: domain_validation.Coverage

    @property
    def covered_percent(self) -> int:
        return int(self.coverage.share * 100)


@dataclass(frozen=True)
class AreaRecommendations:
    area: DevelopmentArea
    package_vouchers: int | None
    services: tuple[RecommendedService, ...]
    validation: ValidationAdvice | None = None


class _RulesByDay:
    """The consumption rule in force on a day, from all the programme's rule versions read once
    (the selector ``consumption_rules_on`` would read the database once per start date)."""

    def __init__(self, programme: Programme) -> None:
        versions = rule_versions_of(programme=programme)
        self.units = versions.get(programme_rules.RULE_VOUCHER_UNIT, [])  # newest first
        self.consumption = versions.get(programme_rules.RULE_CONSUMPTION, [])
        self.hours = versions.get(programme_rules.RULE_HOURS, [])
        self.types = versions.get(programme_rules.RULE_SERVICE_TYPES, [])
        self.cache: dict[date, programme_rules.ConsumptionRules | None] = {}

    @staticmethod
    def _on(versions: list[RuleVersion], day: date) -> RuleVersion | None:
        return next((version for version in versions if version.valid_from <= day), None)

    def on(self, day: date) -> programme_rules.ConsumptionRules | None:
        if day not in self.cache:
            unit, rule = self._on(self.units, day), self._on(self.consumption, day)
            self.cache[day] = (
                None
                if unit is None or rule is None
                else programme_rules.consumption_rules_from(
                    rule.value,
                    voucher_unit=programme_rules.voucher_unit_from(unit.value),
                    valid_from=rule.valid_from,
                    decision_ref=rule.decision_ref,
                )
            )
        return self.cache[day]

    def types_on(self, day: date) -> ServiceTypeRules | None:
        """The kinds of service the vouchers pay for on ``day`` (None: before the rule)."""
        version = self._on(self.types, day)
        return None if version is None else service_type_rules_from(version.value)

    def hours_on(self, day: date) -> HoursRules | None:
        """How hours are counted from sessions on ``day`` (as a booking made that day counts them)."""
        version = self._on(self.hours, day)
        return None if version is None else hours_rules_from(version.value)


def _charged_hours(
    card: ServiceCard, rules: HoursRules | None, sessions: dict[int, list[Meeting]]
) -> Decimal:
    """The hours a booking would be charged for: the declared ones, or those of the sessions when
    the card declares more (the programme's hours rule, as ``vouchers.services.booking_quote``)."""
    return card.hours if rules is None else rules.counted_hours(card.hours, sessions.get(card.pk, []))


def _sessions_of(card_ids: list[int]) -> dict[int, list[Meeting]]:
    found: dict[int, list[Meeting]] = {}
    for card_id, day, start, end in ServiceSession.objects.filter(card_id__in=card_ids).values_list(
        "card_id", "date", "start_time", "end_time"
    ):
        found.setdefault(card_id, []).append((day, start, end))
    return found


def _published(today: date) -> QuerySet[ServiceCard]:
    return ServiceCard.objects.filter(
        status=CardStatus.PUBLISHED,
        starts_on__gte=today,
        enrolment_deadline__gte=today,
        seats_taken__lt=F("max_participants"),
    ).select_related("category__parent", "gmina", "provider")


def area_candidates(*, area: DevelopmentArea, today: date) -> list[ServiceCard]:
    """Published services that might fit the area (the ranking decides whether they do)."""
    chosen = [category.pk for category in area.categories.all()]
    found: dict[int, ServiceCard] = {}
    if chosen:
        category_ids = Category.objects.filter(Q(pk__in=chosen) | Q(parent_id__in=chosen)).values("pk")
        for card in (
            _published(today)
            .filter(category_id__in=category_ids)
            .order_by("starts_on", "id")[:MAX_CANDIDATES_PER_SOURCE]
        ):
            found[card.pk] = card
    if area.market_qualification:
        for card in _published(today).filter(market_qualification__iexact=area.market_qualification)[
            :MAX_CANDIDATES_PER_SOURCE
        ]:
            found[card.pk] = card
    if area.qualification is not None:
        for card in _published(today).filter(qualification_code=area.qualification.code)[
            :MAX_CANDIDATES_PER_SOURCE
        ]:
            found[card.pk] = card
    phrases = [phrase.strip() for phrase in area.keywords.split(",") if phrase.strip()]
    for phrase in phrases[:MAX_KEYWORD_SEARCHES]:
        try:
            result = search_cards(
                SearchParams(q=phrase, starts_after=today, free_places_only=True, page_size=100), today=today
            )
        except (SearchParamsError, ValueError):
            continue
        for hit in result.items:
            if hit.card.status == CardStatus.PUBLISHED and hit.card.enrolment_deadline >= today:
                found.setdefault(hit.card.pk, hit.card)
    return list(found.values())


def recommendations_for(*, participant: User, today: date | None = None) -> list[AreaRecommendations]:
    """For each area of the participant's signed (or acknowledged) plan, the best services with
    their reasons; empty before the plan is signed."""
    today = today or timezone.localdate()
    balance = own_balance(participant=participant)
    if balance is None or balance.plan.status == PlanStatus.DRAFT:
        return []
    programme = programme_current(today=today)
    application = current_application(user=participant, programme=programme) if programme else None
    home = work = None
    if application is not None:
        if application.residence_gmina is not None:
            home = Point(application.residence_gmina.lat, application.residence_gmina.lon)
        if application.work_gmina is not None:
            work = Point(application.work_gmina.lat, application.work_gmina.lon)
    package_vouchers = (
        {package.kind: package.vouchers for package in packages_of(programme=programme)} if programme else {}
    )
    # Once a package is issued, what is left of it is the limit, not the package's size.
    package_vouchers.update(vouchers_left(participant=participant, today=today))
    rules = _RulesByDay(programme) if programme else None

    hours_rules = rules.hours_on(today) if rules else None
    results = []
    profile = profile_entries(balance)
    for area in areas_of(balance.plan):
        cards = area_candidates(area=area, today=today)
        sessions = _sessions_of([card.pk for card in cards]) if hours_rules else {}
        holders = set(
            providers_holding_valid_mark(today=today)
            .filter(provider_id__in={card.provider_id for card in cards})
            .values_list("provider_id", flat=True)
        )
        candidates, costs = [], {}
        for card in cards:
            rule = rules.on(card.starts_on) if rules else None
            if rule is None:
                continue  # no programme rule covers this date: no voucher can pay for it
            parent_code = card.category.parent.code if card.category.parent else None
            cost = service_cost(
                rules=rule,
                types=rules.types_on(card.starts_on) if rules else None,
                category_code=card.category.code,
                parent_category_code=parent_code,
                service_type=card.service_type,
                hours=_charged_hours(card, hours_rules, sessions),
                price_gross=card.price_gross,
            )
            if cost.basis == BASIS_NOT_PAYABLE:
                continue  # the programme's vouchers do not pay for this kind of service
            costs[card.pk] = cost
            candidates.append(
                domain.Candidate(
                    card_id=card.pk,
                    title=card.title,
                    text=" ".join([card.title, card.goal, card.learning_outcomes]),
                    category_code=card.category.code,
                    parent_category_code=parent_code,
                    remote=card.delivery_form in REMOTE_FORMS,
                    place=Point(card.gmina.lat, card.gmina.lon) if card.gmina else None,
                    starts_on=card.starts_on,
                    enrolment_deadline=card.enrolment_deadline,
                    free_places=card.free_places,
                    vouchers=cost.vouchers,
                    top_up=cost.top_up,
                    quality_mark=card.provider_id in holders,
                    rating_average=card.rating_average,
                    rating_count=card.rating_count,
                    market_qualification=card.qualification_code
                    if area.qualification
                    else card.market_qualification,
                )
            )
        need = domain.AreaNeed(
            category_codes=frozenset(category.code for category in area.categories.all()),
            keywords=domain.words(" ".join([area.title, area.keywords.replace(",", " ")])),
            market_qualification=area.qualification.code if area.qualification else area.market_qualification,
            package_vouchers=package_vouchers.get(area.package_kind),
        )
        ranked = domain.rank_services(need=need, candidates=candidates, today=today, home=home, work=work)
        by_id = {card.pk: card for card in cards}
        results.append(
            AreaRecommendations(
                area=area,
                package_vouchers=need.package_vouchers,
                services=tuple(
                    RecommendedService(
                        card=by_id[r.card_id],
                        score=r.score,
                        vouchers=costs[r.card_id].vouchers,
                        covered=costs[r.card_id].covered,
                        top_up=costs[r.card_id].top_up,
                        reasons=tuple(reason_text(reason) for reason in r.reasons),
                    )
                    for r in ranked
                ),
                validation=validation_advice(area=area, profile=profile),
            )
        )
    return results


# Words that say nothing of a competence (folded): the analyser keeps them, the comparison must not.
_NAME_STOPWORDS = frozenset({"oraz", "lub", "dla", "przy", "pod", "nad", "jak", "sie", "the", "and", "with"})
_WORD_RE = re.compile(r"[^\W_]+")


def _name_words(text: str) -> tuple[frozenset[str], ...]:
    """Each word of a competence's name (of three letters or more, not a stop word) as the
    analyser's tokens: its folded form and its lemmas."""
    return tuple(
        frozenset(document_tokens(word))
        for word in _WORD_RE.findall(text)
        if len(word) > 2 and search_key(word) not in _NAME_STOPWORDS
    )


def validation_advice(
    *, area: DevelopmentArea, profile: list[domain_validation.ProfileEntry]
) -> ValidationAdvice | None:
    """For an area that targets a qualification of the register: which of its learning outcomes
    the competence profile covers (``domain_validation``); None for any other area."""
    qualification = area.qualification
    if qualification is None:
        return None
    outcomes = [
        domain_validation.Outcome(
            set_code=outcome.outcome_set.code,
            code=outcome.code,
            text=outcome.text,
            tokens=frozenset(document_tokens(outcome.text)),
        )
        for outcome in LearningOutcome.objects.filter(outcome_set__qualification=qualification)
        .select_related("outcome_set")
        .order_by("outcome_set__position", "outcome_set__pk", "position", "pk")
    ]
    coverage = domain_validation.outcome_coverage(outcomes=outcomes, profile=profile)
    return ValidationAdvice(qualification=qualification, coverage=coverage)


def profile_entries(balance: CompetenceBalance) -> list[domain_validation.ProfileEntry]:
    """The balance's competence profile as the comparison with outcomes reads it, the highest
    levels first (so an outcome names the strongest competence that covers it)."""
    entries = sorted(profile_of(balance), key=lambda entry: -entry.level)
    return [
        domain_validation.ProfileEntry(
            label=entry.competence.label, words=_name_words(entry.competence.label), level=entry.level
        )
        for entry in entries
    ]


def reason_text(reason: Reason) -> str:
    """One reason as a short phrase in the person's language."""
    km = f"{reason.km:.0f}" if reason.km is not None else ""
    texts = {
        ReasonCode.NEAR_WORK: lambda: (
            _("in your work gmina") if reason.km == 0 else _("near your work gmina, %(km)s km") % {"km": km}
        ),
        ReasonCode.NEAR_HOME: lambda: (
            _("in your home gmina") if reason.km == 0 else _("near your home gmina, %(km)s km") % {"km": km}
        ),
        ReasonCode.FAR: lambda: _("%(km)s km from your home or work gmina") % {"km": km},
        ReasonCode.REMOTE: lambda: _("remote, no travel"),
        ReasonCode.QUALIFICATION: lambda: _("leads to the market qualification of this area"),
        ReasonCode.QUALITY_MARK: lambda: _("holds the quality mark"),
        ReasonCode.COVERED: lambda: _("covered by %(vouchers)s vouchers") % {"vouchers": reason.vouchers},
        ReasonCode.TOP_UP: lambda: (
            _("%(vouchers)s vouchers and %(amount)s to pay on top")
            % {"vouchers": reason.vouchers, "amount": Money(reason.amount or 0).format()}
        ),
        ReasonCode.RATING: lambda: (
            _("rated %(rating)s of 5") % {"rating": formats.number_format(reason.rating or 0, decimal_pos=1)}
        ),
        ReasonCode.STARTS_SOON: lambda: (
            _("starts soon, %(day)s") % {"day": formats.date_format(reason.day, "j E") if reason.day else ""}
        ),
    }
    return str(texts[reason.code]())
