"""Pure rules of career guidance: appointment limits, what a development plan needs to be signed,
and the ranking of recommended services (the lifecycles are in ``workflows.py``). No Django here
(the choices below are plain ``StrEnum``s that the models use as their choices)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum

from kierunek.geo.domain import distance_km, search_key

# --- appointments ----------------------------------------------------------------------------

# A participant books, moves or cancels up to this long before the meeting starts; after that the
# advisor has planned the day (and the slot could not be offered to anybody else in time).
CHANGE_NOTICE = timedelta(hours=24)
# How far ahead an advisor may publish slots.
PUBLISH_HORIZON = timedelta(days=180)
MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 240


class SlotMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    MOVED = "moved"


def change_allowed(*, starts_at: datetime, now: datetime) -> bool:
    """A booking, a move or a cancellation is allowed while the meeting is at least
    :data:`CHANGE_NOTICE` away. Both datetimes must be aware."""
    return starts_at - now >= CHANGE_NOTICE


def slot_problem(*, starts_at: datetime, ends_at: datetime, now: datetime) -> str | None:
    """Why an advisor cannot publish a slot with these times, or None. Codes: ``past``,
    ``order``, ``length``, ``too_far``."""
    if starts_at <= now:
        return "past"
    if ends_at <= starts_at:
        return "order"
    minutes = (ends_at - starts_at).total_seconds() / 60
    if not MIN_SLOT_MINUTES <= minutes <= MAX_SLOT_MINUTES:
        return "length"
    if starts_at - now > PUBLISH_HORIZON:
        return "too_far"
    return None


def within_opening_hours(
    *, starts_at: datetime, ends_at: datetime, opens_at: time, closes_at: time, open_weekdays: str
) -> bool:
    """Whether a meeting (local times) falls on an open day, between opening and closing time."""
    return (
        starts_at.date() == ends_at.date()
        and str(starts_at.isoweekday()) in open_weekdays
        and opens_at <= starts_at.time()
        and ends_at.time() <= closes_at
    )


def reminder_due(*, starts_at_local_date: date, today: date) -> bool:
    """A reminder goes out the day before the meeting (by the programme's local calendar)."""
    return starts_at_local_date == today + timedelta(days=1)


# --- the competence balance and the plan ------------------------------------------------------


class ExperienceKind(StrEnum):
    WORK = "work"
    EDUCATION = "education"
    NON_FORMAL = "non_formal"  # courses, training
    INFORMAL = "informal"  # volunteering, caring, hobbies


class CompetenceDimension(StrEnum):
    """The three kinds of learning outcomes of the Polish Qualifications Framework (PRK)."""

    KNOWLEDGE = "knowledge"
    SKILLS = "skills"
    SOCIAL = "social"


class ProficiencyLevel(IntEnum):
    BASIC = 1
    INTERMEDIATE = 2
    ADVANCED = 3
    EXPERT = 4


class PackageKind(StrEnum):
    GENERAL = "general"
    VOCATIONAL = "vocational"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    ACKNOWLEDGED = "acknowledged"


class Stage(StrEnum):
    """The stages of a balance, in the order the advisor usually runs them."""

    BIOGRAPHICAL = "biographical"
    BEHAVIOURAL = "behavioural"
    PROFILE = "profile"
    PORTFOLIO = "portfolio"
    PLAN = "plan"


MIN_PRIORITY, MAX_PRIORITY = 1, 3  # 1 = the most urgent


def default_dimension(*, concept_type: str, is_transversal: bool) -> CompetenceDimension:
    """The dimension an ESCO concept usually belongs to: knowledge items to knowledge,
    transversal skills (teamwork, communication) to social competences, the rest to skills.
    The advisor may choose otherwise."""
    if concept_type == "knowledge":
        return CompetenceDimension.KNOWLEDGE
    if is_transversal:
        return CompetenceDimension.SOCIAL
    return CompetenceDimension.SKILLS


# What a plan's status allows besides its transitions (the lifecycle itself is
# ``kierunek.guidance.workflows.PLAN``): the balance and the plan change only while the plan is a
# draft, and the participant comments on it once the advisor has signed it.
PLAN_EDITABLE = frozenset({PlanStatus.DRAFT})
PLAN_FEEDBACK_OPEN = frozenset({PlanStatus.SIGNED, PlanStatus.ACKNOWLEDGED})


@dataclass(frozen=True)
class AreaDraft:
    """What the sign-off check needs to know of a development area."""

    title: str
    goals: str
    category_count: int
    market_qualification: str


def plan_sign_problems(*, areas: Sequence[AreaDraft], stages_done: Iterable[Stage]) -> list[str]:
    """Why a plan cannot be signed yet (codes), empty when it can: every stage of the balance
    before the plan is complete, at least one area, and every area has goals and names the
    service categories or the market qualification that would close its gap."""
    problems = [
        f"stage_open:{stage}" for stage in Stage if stage != Stage.PLAN and stage not in set(stages_done)
    ]
    if not areas:
        problems.append("no_areas")
    for number, area in enumerate(areas, start=1):
        if not area.goals.strip():
            problems.append(f"area_without_goals:{number}")
        if area.category_count == 0 and not area.market_qualification.strip():
            problems.append(f"area_without_means:{number}")
    return problems


# --- recommendations -------------------------------------------------------------------------

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    {"i", "w", "z", "na", "do", "dla", "od", "po", "o", "a", "lub", "oraz", "ze", "we", "jak"}
    | {"ktory", "ktora", "ktore", "the", "and", "of", "for", "in", "to", "kurs", "szkolenie"}
)
STEM_LENGTH = 5  # Polish inflects word endings: "angielski", "angielskiego" share "angie"
NEAR_KM = 60.0  # in-person services further than this from home and work are ranked down
TOP_N = 5


def words(text: str) -> frozenset[str]:
    """The folded words of ``text`` (no diacritics, lower case), without common short words."""
    return frozenset(w for w in _WORD_RE.findall(search_key(text)) if len(w) > 1 and w not in _STOPWORDS)


def _stem(word: str) -> str:
    return word[:STEM_LENGTH]


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class AreaNeed:
    """A development area as the ranking sees it. ``category_codes`` are the categories the
    advisor chose; a service in one of them or in a subcategory of one fits."""

    category_codes: frozenset[str]
    keywords: frozenset[str]  # folded words from the area's title, keywords and qualification
    market_qualification: str = ""
    package_vouchers: int | None = None  # vouchers of the area's package; None when unknown


@dataclass(frozen=True)
class Candidate:
    """A published service as the ranking sees it. ``vouchers`` and ``top_up`` (grosze) come
    from the programme's consumption rule in force on the service's start date."""

    card_id: int
    title: str
    text: str  # title, goal and learning outcomes
    category_code: str
    parent_category_code: str | None
    remote: bool
    place: Point | None
    starts_on: date
    enrolment_deadline: date
    free_places: int
    vouchers: int
    top_up: int
    quality_mark: bool
    rating_average: float | None = None
    rating_count: int = 0
    market_qualification: str = ""


class ReasonCode(StrEnum):
    NEAR_WORK = "near_work"
    NEAR_HOME = "near_home"
    FAR = "far"
    REMOTE = "remote"
    QUALIFICATION = "qualification"
    QUALITY_MARK = "quality_mark"
    COVERED = "covered"
    TOP_UP = "top_up"
    RATING = "rating"
    STARTS_SOON = "starts_soon"


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    km: float | None = None
    vouchers: int | None = None
    amount: int | None = None  # grosze
    rating: float | None = None
    day: date | None = None


@dataclass(frozen=True)
class Recommendation:
    card_id: int
    score: float
    reasons: tuple[Reason, ...] = field(default=())


def _fit(need: AreaNeed, candidate: Candidate) -> tuple[float, bool]:
    """How well the service fits the area (0 means not at all), and whether it leads to the
    area's market qualification."""
    score = 0.0
    if candidate.category_code in need.category_codes:
        score += 40
    elif candidate.parent_category_code in need.category_codes:
        score += 35
    if need.keywords:
        stems = {_stem(word) for word in words(candidate.text)}
        found = sum(1 for word in need.keywords if _stem(word) in stems)
        score += 30 * found / len(need.keywords)
    qualification = bool(
        need.market_qualification
        and candidate.market_qualification
        and search_key(need.market_qualification) == search_key(candidate.market_qualification)
    )
    if qualification:
        score += 25
    return score, qualification


def rank_services(
    *,
    need: AreaNeed,
    candidates: Iterable[Candidate],
    today: date,
    home: Point | None = None,
    work: Point | None = None,
    limit: int = TOP_N,
) -> list[Recommendation]:
    """The services that fit a development area, best first, each with its reasons.

    A service is left out when it does not fit the area at all (neither its category, nor its
    text, nor the qualification), when enrolment has closed or it has started, when it has no
    free place, or when it needs more vouchers than the area's package holds. The rest are
    scored: fit, distance from the nearer of the work and home gminas (remote forms need no
    travel), the quality mark, the rating (from 3 ratings up), what the participant would pay on
    top, and how soon it starts. Ties go to the sooner start, then the lower card id, so the
    order is stable."""
    ranked: list[tuple[float, date, int, Recommendation]] = []
    for candidate in candidates:
        fit, qualification = _fit(need, candidate)
        if fit <= 0:
            continue
        if candidate.starts_on < today or candidate.enrolment_deadline < today or candidate.free_places <= 0:
            continue
        if need.package_vouchers is not None and candidate.vouchers > need.package_vouchers:
            continue
        score = fit
        reasons: list[Reason] = []

        if candidate.remote:
            score += 15
            reasons.append(Reason(ReasonCode.REMOTE))
        elif candidate.place is not None and (home or work):
            options = [
                (distance_km(origin.lat, origin.lon, candidate.place.lat, candidate.place.lon), code)
                for origin, code in ((work, ReasonCode.NEAR_WORK), (home, ReasonCode.NEAR_HOME))
                if origin is not None
            ]
            km, code = min(options, key=lambda option: option[0])
            km = round(km)
            if km <= 10:
                score += 20
            elif km <= 30:
                score += 15
            elif km <= NEAR_KM:
                score += 8
            else:
                score -= 10
            reasons.append(Reason(code if km <= NEAR_KM else ReasonCode.FAR, km=km))

        if qualification:
            reasons.append(Reason(ReasonCode.QUALIFICATION))
        if candidate.quality_mark:
            score += 10
            reasons.append(Reason(ReasonCode.QUALITY_MARK))
        if candidate.rating_average is not None and candidate.rating_count >= 3:
            score += (candidate.rating_average - 3) * 5
            if candidate.rating_average >= 4:
                reasons.append(Reason(ReasonCode.RATING, rating=round(candidate.rating_average, 1)))
        if candidate.top_up <= 0:
            score += 10
            reasons.append(Reason(ReasonCode.COVERED, vouchers=candidate.vouchers))
        else:
            score -= min(15.0, candidate.top_up / 10_000)  # 1 point per 100 zł, at most 15
            reasons.append(Reason(ReasonCode.TOP_UP, vouchers=candidate.vouchers, amount=candidate.top_up))

        days = (candidate.starts_on - today).days
        if days <= 30:
            score += 5
            reasons.append(Reason(ReasonCode.STARTS_SOON, day=candidate.starts_on))
        elif days <= 90:
            score += 2
        elif days > 180:
            score -= 5
        score = round(score, 2)
        recommendation = Recommendation(card_id=candidate.card_id, score=score, reasons=tuple(reasons))
        ranked.append((-score, candidate.starts_on, candidate.card_id, recommendation))

    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked[:limit]]
