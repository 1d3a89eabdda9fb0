"""Rules for service cards that need no database: what a complete card is, and when two cards
are the same service. No Django here: a rule a card breaks is a :class:`Problem`, an English
message id with its values, which the services translate (kierunek.catalogue.services)."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import ROUND_FLOOR, Decimal
from typing import Any


def _(message: str) -> str:
    """Marks ``message`` for translation (makemessages finds it); translated where it is shown."""
    return message


# The card's descriptive texts, in the order the card, its export and the API show them.
TEXT_FIELDS = (
    "goal",
    "learning_outcomes",
    "programme",
    "target_group",
    "participation_conditions",
    "technical_requirements",
)

IN_PERSON_FORMS = frozenset({"in_person", "blended_live", "blended_self_paced"})
REMOTE_FORMS = frozenset({"remote_live", "remote_self_paced"})
# The types of service that lead to a qualification of the register (ZRK), as the national
# services register links its cards: an exam, a training that ends with the qualification's
# validation (BUR's "usługa prowadząca do uzyskania kwalifikacji"), the validation itself and the
# certification after it (issue 16); an advisory service or postgraduate studies name no code.
QUALIFYING_TYPES = frozenset({"exam", "training", "validation", "certification"})


@dataclass(frozen=True)
class SessionInput:
    date: date
    start_time: time
    end_time: time
    place: str


@dataclass(frozen=True)
class CardInput:
    """Everything a provider writes on a card. Prices in grosze; the place is a gmina TERYT code
    with a street, or a free address outside Małopolska, or nothing for remote forms."""

    title: str
    category_code: str
    service_type: str
    delivery_form: str
    goal: str
    learning_outcomes: str
    programme: str
    target_group: str
    hours: Decimal
    price_net: int
    price_gross: int
    min_participants: int
    max_participants: int
    enrolment_deadline: date
    sessions: tuple[SessionInput, ...]
    participation_conditions: str = ""
    technical_requirements: str = ""
    gmina_teryt: str = ""
    street: str = ""
    outside_region_address: str = ""
    market_qualification: str = ""
    # The qualification's code in the Integrated Qualifications Register (ZRK), as the national
    # services register (BUR) links its cards with idKwalifikacjiZrk; blank when none.
    qualification_code: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def starts_on(self) -> date | None:
        return min((s.date for s in self.sessions), default=None)

    @property
    def ends_on(self) -> date | None:
        return max((s.date for s in self.sessions), default=None)


# The columns' limits (hours: 6 digits with one decimal place; participants: a 32-bit integer),
# kept well inside them.
MAX_HOURS = Decimal("9999.9")
MAX_PARTICIPANTS = 100_000
# The text columns' lengths (kierunek.catalogue.models), so that a file's long text is a problem
# named on its row instead of the database's refusal in the middle of an import.
MAX_LENGTHS = {
    "title": 250,
    "street": 200,
    "outside_region_address": 250,
    "market_qualification": 250,
    "qualification_code": 40,
}
MAX_PLACE_LENGTH = 300
QUALIFICATION_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./-]*$")


@dataclass(frozen=True)
class Problem:
    """A rule a card breaks: ``message``, a message id in English with ``%(name)s`` placeholders,
    and the ``params`` that fill them once the message is translated."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)


# A session as the hours rule sees it: its date, start and end.
Meeting = tuple[date, time, time]


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


@dataclass(frozen=True)
class HoursRules:
    """How a programme counts a service's hours from its sessions: one dated version of its
    ``hours`` rule (the value is parsed and documented by
    kierunek.programmes.hours_rules.hours_rules_from). The catalogue checks the hours a card declares
    with it; the vouchers charge a card by :meth:`counted_hours`.

    - ``hour_minutes``: minutes in one hour of service (60; 45 for teaching hours);
    - ``break_minutes`` / ``break_after_minutes``: on a day whose sessions last more than
      ``break_after_minutes``, ``break_minutes`` of them are a break, not counted (never bringing
      the day below ``break_after_minutes``);
    - ``tolerance_minutes``: how far the declared hours may be from the sessions' and still match.
    """

    hour_minutes: int = 60
    break_minutes: int = 0
    break_after_minutes: int = 360
    tolerance_minutes: int = 0
    valid_from: date | None = None
    decision_ref: str = ""

    def scheduled_seconds(self, meetings: Iterable[Meeting]) -> int:
        """The counted time of the sessions: per day, the time any session runs (overlapping
        sessions count once; a session ending before it starts counts nothing), less the break."""
        days: dict[date, list[tuple[int, int]]] = {}
        for day, start, end in meetings:
            if end > start:
                days.setdefault(day, []).append((_seconds(start), _seconds(end)))
        total = 0
        for spans in days.values():
            covered, reach = 0, 0
            for begins, ends in sorted(spans):
                covered += max(0, ends - max(begins, reach))
                reach = max(reach, ends)
            after = self.break_after_minutes * 60
            if covered > after:
                covered = max(after, covered - self.break_minutes * 60)
            total += covered
        return total

    def scheduled_hours(self, meetings: Iterable[Meeting]) -> Decimal:
        """Hours of ``hour_minutes`` the sessions give, rounded down to a tenth."""
        hours = Decimal(self.scheduled_seconds(meetings)) / (self.hour_minutes * 60)
        return hours.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)

    def _declared_over(self, declared: Decimal, meetings: Iterable[Meeting]) -> Decimal:
        """Seconds the declared hours exceed the sessions by (below zero: fall short by)."""
        return declared * self.hour_minutes * 60 - self.scheduled_seconds(meetings)

    def matches(self, declared: Decimal, meetings: Iterable[Meeting]) -> bool:
        """Whether the declared hours are those of the sessions, within the tolerance."""
        return abs(self._declared_over(declared, list(meetings))) <= self.tolerance_minutes * 60

    def counted_hours(self, declared: Decimal, meetings: Iterable[Meeting]) -> Decimal:
        """The hours a service is charged for: those it declares, unless they exceed what its
        sessions give by more than the tolerance; then what the sessions give. Never more than
        declared, so a card saved before the rule (or written around it) cannot over-charge."""
        meetings = list(meetings)
        if self._declared_over(declared, meetings) <= self.tolerance_minutes * 60:
            return declared
        return min(declared, self.scheduled_hours(meetings))


def _hours_problem(card: CardInput, rules: HoursRules) -> Problem | None:
    meetings = [(s.date, s.start_time, s.end_time) for s in card.sessions]
    if rules.matches(card.hours, meetings):
        return None
    hours = rules.scheduled_hours(meetings)
    params = {"hours": hours if hours % 1 else hours.quantize(Decimal(1)), "minutes": rules.hour_minutes}
    if rules.break_minutes:
        return Problem(
            _(
                "The sessions give %(hours)s hours (an hour is %(minutes)d minutes; on a day of more "
                "than %(after)d minutes, %(break)d minutes are a break and do not count). Write the "
                "hours the sessions give, or change the sessions."
            ),
            {**params, "after": rules.break_after_minutes, "break": rules.break_minutes},
        )
    return Problem(
        _(
            "The sessions give %(hours)s hours (an hour is %(minutes)d minutes). Write the hours the "
            "sessions give, or change the sessions."
        ),
        params,
    )


def card_problems(card: CardInput, hours_rules: HoursRules | None = None) -> dict[str, list[Problem]]:
    """Every rule a card breaks, by field (empty when the card is complete and consistent). With
    the programme's ``hours_rules``, the declared hours must also match the sessions."""
    problems: dict[str, list[Problem]] = {}

    def add(name: str, message: str, **params: Any) -> None:
        problems.setdefault(name, []).append(Problem(message, params))

    for name in ("title", "goal", "learning_outcomes", "programme", "target_group"):
        if not str(getattr(card, name)).strip():
            add(name, _("This field is required."))
    for name, limit in MAX_LENGTHS.items():
        if len(str(getattr(card, name)).strip()) > limit:
            add(name, _("At most %(max)d characters."), max=limit)
    code = card.qualification_code.strip()
    if code and not problems.get("qualification_code") and not QUALIFICATION_CODE_RE.match(code):
        add(
            "qualification_code",
            _(
                "Write the code as the qualifications register gives it: letters, digits, dots, "
                "hyphens or slashes."
            ),
        )
    if card.hours <= 0:
        add("hours", _("The number of hours must be greater than zero."))
    elif card.hours > MAX_HOURS or card.hours != card.hours.quantize(Decimal("0.1")):
        add("hours", _("Write the hours with at most one decimal place, up to %(max)s."), max=MAX_HOURS)
    if card.price_net < 0:
        add("price_net", _("The price cannot be negative."))
    if card.price_gross < card.price_net:
        add("price_gross", _("The gross price cannot be lower than the net price."))
    if card.min_participants < 1:
        add("min_participants", _("At least one participant."))
    if card.max_participants > MAX_PARTICIPANTS:
        add("max_participants", _("At most %(max)s participants."), max=MAX_PARTICIPANTS)
    if card.max_participants < card.min_participants:
        add("max_participants", _("The maximum cannot be lower than the minimum number of participants."))
    if not card.sessions:
        add("sessions", _("Give at least one session (date and times)."))
    for number, session in enumerate(card.sessions, start=1):
        if session.end_time <= session.start_time:
            add("sessions", _("Session %(number)d ends before it starts."), number=number)
        if not session.place.strip():
            add("sessions", _("Session %(number)d needs a place or a link."), number=number)
        elif len(session.place.strip()) > MAX_PLACE_LENGTH:
            add(
                "sessions",
                _("The place of session %(number)d has more than %(max)d characters."),
                number=number,
                max=MAX_PLACE_LENGTH,
            )
    if (
        hours_rules is not None
        and card.sessions
        and not problems.get("hours")
        and not problems.get("sessions")
    ):
        problem = _hours_problem(card, hours_rules)
        if problem is not None:
            problems.setdefault("hours", []).append(problem)
    if card.starts_on is not None and card.enrolment_deadline > card.starts_on:
        add("enrolment_deadline", _("The enrolment deadline must be on or before the first session."))
    if card.delivery_form in IN_PERSON_FORMS:
        if card.gmina_teryt and card.outside_region_address.strip():
            add("outside_region_address", _("Give either the gmina in Małopolska or the address outside it."))
        elif card.gmina_teryt and not card.street.strip():
            add("street", _("Give the street and number of the place."))
        elif not card.gmina_teryt and not card.outside_region_address.strip():
            add(
                "gmina",
                _("Choose the gmina where the service takes place, or give the address outside Małopolska."),
            )
    if card.delivery_form in REMOTE_FORMS and not card.technical_requirements.strip():
        add("technical_requirements", _("Describe the technical requirements of a remote service."))
    if card.qualification_code.strip() and card.service_type not in QUALIFYING_TYPES:
        add(
            "qualification_code",
            _(
                "Only an exam, a training, a validation or a certification leads to a "
                "qualification of the register."
            ),
        )
    return problems


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def dedupe_key(*, title: str, starts_on: date, ends_on: date, place: str) -> str:
    """Two cards of a provider are the same service when title (ignoring case, accents and
    spacing), dates and place are the same."""
    text = "|".join([_normalise(title), starts_on.isoformat(), ends_on.isoformat(), _normalise(place)])
    return hashlib.sha256(text.encode()).hexdigest()


def service_group(*, provider_id: int, title: str, delivery_form: str) -> int:
    """The key of "the same service on several dates": a provider's cards with the same title
    (ignoring case, accents and spacing, as dedupe_key) and the same delivery form are one
    service, its dates, and the search shows them as one result (issue 14).

    The form is part of it: a course in a room and the same course online are two offers to
    choose between (a place or a computer, different requirements), not two dates of one. The
    category is not: a provider files one service under one category, and a title filed under
    two is the same service to a resident. A signed 64-bit integer (the first eight bytes of a
    hash), so that the engines group and compare it as a number."""
    text = "|".join([str(provider_id), _normalise(title), delivery_form])
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)
