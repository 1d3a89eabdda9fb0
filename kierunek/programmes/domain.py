"""The programme's rules as pure functions: who is eligible, and how many vouchers a service takes.

No Django import here. The rules' parameters are data (``RuleVersion`` rows, one per decision of the
managing authority, each with the date it applies from); the functions below receive the version in
force on the relevant day, already parsed into the frozen dataclasses of this module, and return a
result that says which rule gave it and with which values, so the outcome can be recorded with it
and explained to the person.

Voucher arithmetic is in whole grosze (``int``), hours in ``Decimal``; never float.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from importlib import import_module
from types import MappingProxyType
from typing import Any

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

# Rule keys: one dated series of versions per key and programme.
RULE_VOUCHER_UNIT = "voucher_unit"
RULE_CONSUMPTION = "consumption"
RULE_ELIGIBILITY = "eligibility"
RULE_BOOKING = "booking"
# How declared hours are checked against the scheduled sessions (length of an hour, breaks).
RULE_HOURS = "hours"
# Deadlines for the participant's confirmation and rating of a completed booking, and what
# happens after them.
RULE_CONFIRMATION = "confirmation"
# When the outcome survey is sent after completion, its reminders.
RULE_OUTCOME_SURVEY = "outcome_survey"
# How a refused applicant appeals: the rule text, the deadline and whom to contact.
RULE_APPEAL = "appeal"
# Deadlines of a complaint's handling.
RULE_COMPLAINTS = "complaints"
# The participant's own contribution before vouchers are issued.
RULE_CONTRIBUTION = "contribution"
RULE_SERVICE_TYPES = "service_types"  # the kinds of service vouchers pay for (service_type_rules)
RULE_KEYS = (
    RULE_VOUCHER_UNIT,
    RULE_CONSUMPTION,
    RULE_ELIGIBILITY,
    RULE_BOOKING,
    RULE_HOURS,
    RULE_CONFIRMATION,
    RULE_OUTCOME_SURVEY,
    RULE_APPEAL,
    RULE_COMPLAINTS,
    RULE_CONTRIBUTION,
    RULE_SERVICE_TYPES,
)

# ISCED 2011 levels of education (0-8). Level 3 is upper-secondary (liceum, technikum, szkoła
# branżowa); at most 3 is what calls for people with "at most upper-secondary education" mean.
ISCED_LEVELS = tuple(range(9))
ISCED_UPPER_SECONDARY = 3

EMPLOYED = "employed"
SELF_EMPLOYED = "self_employed"
UNEMPLOYED = "unemployed"
INACTIVE = "inactive"
EMPLOYMENT_STATUSES = (EMPLOYED, SELF_EMPLOYED, UNEMPLOYED, INACTIVE)

# Forms of work, per status. Self-employed "no_staff" is a sole trader who employs nobody.
EMPLOYMENT_FORMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        EMPLOYED: ("employment_contract", "civil_law_contract", "appointment", "other"),
        SELF_EMPLOYED: ("no_staff", "with_staff"),
        UNEMPLOYED: (),
        INACTIVE: (),
    }
)

# Ways a person is linked to the region.
LINK_RESIDENCE = "residence"
LINK_WORK = "work"
LINK_STUDY = "study"
REGION_LINKS = (LINK_RESIDENCE, LINK_WORK, LINK_STUDY)

# Outcomes.
ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
MANUAL_REVIEW = "manual_review"

# How one condition went.
MET = "met"
NOT_MET = "not_met"
REVIEW = "review"


class RuleValueError(ValueError):
    """A rule version's value does not have the shape its key needs. The message says what is
    wrong so that whoever types the decision's parameters can fix them."""


# ---------------------------------------------------------------------------------------------
# Eligibility
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetGroup:
    """People of at least ``min_age`` and, when ``max_isced`` is set, with at most that ISCED level."""

    min_age: int
    max_isced: int | None = None


@dataclass(frozen=True)
class AllowedEmployment:
    """An employment status the programme admits, and the forms of it (empty: any form)."""

    status: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class EligibilityRules:
    """One dated version of the eligibility rule.

    - ``min_age``: age on the day of the decision (18: adults);
    - ``region_links``: the links to the region any one of which is enough (residence, work, study);
      links in ``links_needing_document`` are accepted only after an officer sees a document;
    - ``employment``: statuses (and forms) admitted; empty admits everybody;
    - ``target_groups``: when not empty, the person must belong to at least one
      (e.g. 25+ with ISCED <= 3, or 50+).
    """

    min_age: int = 18
    region_links: tuple[str, ...] = (LINK_RESIDENCE, LINK_WORK, LINK_STUDY)
    links_needing_document: tuple[str, ...] = (LINK_STUDY,)
    employment: tuple[AllowedEmployment, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    valid_from: date | None = None
    decision_ref: str = ""


@dataclass(frozen=True)
class PersonFacts:
    """What the application says about a person, as of the decision.

    ``lives_in_region`` / ``works_in_region`` are None when the person did not say;
    ``identity_consistent`` is False when the date of birth or sex on record does not match the
    PESEL (then a person must look at it)."""

    birth_date: date | None
    lives_in_region: bool | None
    works_in_region: bool | None
    studies_in_region: bool = False
    education_level: int | None = None
    employment_status: str | None = None
    employment_form: str | None = None
    identity_consistent: bool = True


@dataclass(frozen=True)
class Reason:
    """One condition of the rule, how it went for this person and with which values.
    ``code`` names the message; ``values`` fill it in (no personal identifiers in them)."""

    rule: str
    outcome: str
    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "outcome": self.outcome, "code": self.code, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return cls(
            rule=str(data["rule"]),
            outcome=str(data["outcome"]),
            code=str(data["code"]),
            values=dict(data.get("values") or {}),
        )


@dataclass(frozen=True)
class EligibilityDecision:
    """The outcome and every reason for it: ineligible if any condition is not met, otherwise
    manual review if any needs a person's look, otherwise eligible."""

    outcome: str
    reasons: tuple[Reason, ...]
    decided_on: date
    rules_valid_from: date | None
    decision_ref: str

    @property
    def failed(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == NOT_MET)

    @property
    def to_review(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == REVIEW)


def age_on(birth_date: date, day: date) -> int:
    """Full years on ``day``. A person born on 29 February turns a year older on 1 March in
    common years (the day after 28 February), as the civil code counts."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def decide_eligibility(*, facts: PersonFacts, rules: EligibilityRules, on: date) -> EligibilityDecision:
    """Apply one version of the eligibility rule to one person on one day."""
    reasons = [
        _identity_reason(facts),
        _age_reason(facts, rules, on),
        _region_reason(facts, rules),
        _employment_reason(facts, rules),
    ]
    if rules.target_groups:
        reasons.append(_target_group_reason(facts, rules, on))
    outcomes = {reason.outcome for reason in reasons}
    if NOT_MET in outcomes:
        outcome = INELIGIBLE
    elif REVIEW in outcomes:
        outcome = MANUAL_REVIEW
    else:
        outcome = ELIGIBLE
    return EligibilityDecision(
        outcome=outcome,
        reasons=tuple(reasons),
        decided_on=on,
        rules_valid_from=rules.valid_from,
        decision_ref=rules.decision_ref,
    )


def _identity_reason(facts: PersonFacts) -> Reason:
    if not facts.identity_consistent:
        return Reason("identity", REVIEW, "identity_mismatch")
    return Reason("identity", MET, "identity_consistent")


def _age_reason(facts: PersonFacts, rules: EligibilityRules, on: date) -> Reason:
    if facts.birth_date is None:
        return Reason("age", REVIEW, "age_unknown", {"min_age": rules.min_age})
    age = age_on(facts.birth_date, on)
    values = {"age": age, "min_age": rules.min_age}
    if age < rules.min_age:
        return Reason("age", NOT_MET, "age_below_minimum", values)
    return Reason("age", MET, "age_at_least_minimum", values)


def _region_reason(facts: PersonFacts, rules: EligibilityRules) -> Reason:
    present = []
    if facts.lives_in_region:
        present.append(LINK_RESIDENCE)
    if facts.works_in_region and facts.employment_status in (EMPLOYED, SELF_EMPLOYED):
        present.append(LINK_WORK)
    if facts.studies_in_region:
        present.append(LINK_STUDY)
    accepted = [link for link in present if link in rules.region_links]
    values = {"links": accepted or present, "accepted_links": list(rules.region_links)}
    certain = [link for link in accepted if link not in rules.links_needing_document]
    if certain:
        return Reason("region", MET, "region_link", {**values, "links": certain})
    if accepted:
        return Reason("region", REVIEW, "region_link_needs_document", values)
    if facts.lives_in_region is None and facts.works_in_region is None:
        return Reason("region", REVIEW, "region_unknown", values)
    return Reason("region", NOT_MET, "no_region_link", values)


def _employment_reason(facts: PersonFacts, rules: EligibilityRules) -> Reason:
    admitted = [{"status": allowed.status, "forms": list(allowed.forms)} for allowed in rules.employment]
    values = {"status": facts.employment_status, "form": facts.employment_form, "admitted": admitted}
    if not rules.employment:
        return Reason("employment", MET, "employment_any", values)
    if facts.employment_status is None:
        return Reason("employment", REVIEW, "employment_unknown", values)
    for allowed in rules.employment:
        if allowed.status != facts.employment_status:
            continue
        if not allowed.forms or facts.employment_form in allowed.forms:
            return Reason("employment", MET, "employment_admitted", values)
        return Reason("employment", NOT_MET, "employment_form_not_admitted", values)
    return Reason("employment", NOT_MET, "employment_status_not_admitted", values)


def _target_group_reason(facts: PersonFacts, rules: EligibilityRules, on: date) -> Reason:
    groups = [{"min_age": g.min_age, "max_isced": g.max_isced} for g in rules.target_groups]
    if facts.birth_date is None or (
        facts.education_level is None and any(g.max_isced is not None for g in rules.target_groups)
    ):
        return Reason("target_group", REVIEW, "target_group_unknown", {"groups": groups})
    age = age_on(facts.birth_date, on)
    values = {"age": age, "education_level": facts.education_level, "groups": groups}
    for group in rules.target_groups:
        if age < group.min_age:
            continue
        if group.max_isced is not None and (
            facts.education_level is None or facts.education_level > group.max_isced
        ):
            continue
        return Reason(
            "target_group",
            MET,
            "target_group_member",
            {**values, "group": {"min_age": group.min_age, "max_isced": group.max_isced}},
        )
    return Reason("target_group", NOT_MET, "target_group_none", values)


def eligibility_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> EligibilityRules:
    """Parse the JSON value of an ``eligibility`` rule version. Raises ``RuleValueError``.

    Shape: ``{"min_age": 18, "region_links": ["residence", "work", "study"],
    "links_needing_document": ["study"], "employment": [{"status": "employed"},
    {"status": "self_employed", "forms": ["no_staff"]}], "target_groups": [{"min_age": 25,
    "max_isced": 3}, {"min_age": 50}]}``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("An eligibility rule is an object.")
    min_age = _int(value.get("min_age", 18), "min_age", minimum=0)
    links = _str_tuple(value.get("region_links", list(REGION_LINKS)), "region_links", REGION_LINKS)
    needing = _str_tuple(value.get("links_needing_document", []), "links_needing_document", REGION_LINKS)
    employment = []
    for item in _list(value.get("employment", []), "employment"):
        if not isinstance(item, Mapping) or item.get("status") not in EMPLOYMENT_STATUSES:
            raise RuleValueError(
                f"employment: each entry needs a status among {', '.join(EMPLOYMENT_STATUSES)}."
            )
        status = item["status"]
        forms = _str_tuple(item.get("forms", []), f"employment forms of {status}", EMPLOYMENT_FORMS[status])
        employment.append(AllowedEmployment(status=status, forms=forms))
    groups = []
    for item in _list(value.get("target_groups", []), "target_groups"):
        if not isinstance(item, Mapping):
            raise RuleValueError("target_groups: each entry is an object with min_age and max_isced.")
        max_isced = item.get("max_isced")
        if max_isced is not None:
            max_isced = _int(max_isced, "target_groups max_isced", minimum=0, maximum=8)
        groups.append(
            TargetGroup(
                min_age=_int(item.get("min_age", 0), "target_groups min_age", minimum=0), max_isced=max_isced
            )
        )
    return EligibilityRules(
        min_age=min_age,
        region_links=links,
        links_needing_document=needing,
        employment=tuple(employment),
        target_groups=tuple(groups),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )


# ---------------------------------------------------------------------------------------------
# Voucher consumption
# ---------------------------------------------------------------------------------------------

EXAM_SERVICE_TYPE = "exam"
BASIS_PER_HOUR = "per_hour"
BASIS_EXAM_CAP = "exam_cap"


@dataclass(frozen=True)
class ConsumptionRules:
    """One dated version of the consumption rule, with the voucher unit in force on that day.

    - ``per_hour``: at most how many vouchers one hour of a service of a category may take, by
      category code; a sub-category without its own entry takes its parent's, then
      ``default_per_hour``;
    - ``exam_max_vouchers``: an exam (service type ``exam`` or a category in
      ``exam_category_codes`` or under one) takes at most this many vouchers, whatever its length;
    - ``voucher_unit``: grosze one voucher is worth.
    """

    voucher_unit: int
    default_per_hour: int
    per_hour: Mapping[str, int] = field(default_factory=dict)
    exam_max_vouchers: int = 40
    exam_category_codes: tuple[str, ...] = ("exams",)
    valid_from: date | None = None
    decision_ref: str = ""

    def per_hour_for(self, category_code: str, parent_category_code: str | None = None) -> int:
        if category_code in self.per_hour:
            return self.per_hour[category_code]
        if parent_category_code and parent_category_code in self.per_hour:
            return self.per_hour[parent_category_code]
        return self.default_per_hour

    def is_exam(self, *, category_code: str, parent_category_code: str | None, service_type: str) -> bool:
        return (
            service_type == EXAM_SERVICE_TYPE
            or category_code in self.exam_category_codes
            or (parent_category_code or "") in self.exam_category_codes
        )


@dataclass(frozen=True)
class VoucherCost:
    """What a service costs in vouchers for one participant.

    ``vouchers`` x the unit is ``covered``; ``top_up`` is the rest of the price, paid by the
    participant; ``covered + top_up == price_gross`` always. ``max_vouchers`` is what the rule
    allows for the service (``basis`` says which part of the rule: per hour or the exam cap)."""

    vouchers: int
    covered: int
    top_up: int
    max_vouchers: int
    basis: str
    per_hour: int | None
    voucher_unit: int


def voucher_cost(
    *,
    rules: ConsumptionRules,
    category_code: str,
    parent_category_code: str | None,
    service_type: str,
    hours: Decimal,
    price_gross: int,
) -> VoucherCost:
    """How many vouchers a service takes and what the participant pays on top.

    A voucher is spent whole: a provider cannot be paid part of one, so a service takes the
    smaller of what the rule allows (per hour of its category, rounded down to whole vouchers, or
    the exam cap) and the number of whole vouchers within its price. Never more vouchers than the
    price needs; the part of the price under one unit, and anything over the rule's limit, is the
    top-up."""
    if isinstance(price_gross, bool) or not isinstance(price_gross, int) or price_gross < 0:
        raise ValueError("price_gross is a non-negative int number of grosze.")
    if not isinstance(hours, Decimal) or not hours.is_finite() or hours < 0:
        raise ValueError("hours is a non-negative Decimal.")
    if rules.voucher_unit <= 0:
        raise ValueError("The voucher unit must be positive.")
    if rules.is_exam(
        category_code=category_code, parent_category_code=parent_category_code, service_type=service_type
    ):
        limit, basis, per_hour = rules.exam_max_vouchers, BASIS_EXAM_CAP, None
    else:
        per_hour = rules.per_hour_for(category_code, parent_category_code)
        limit = int((hours * per_hour).to_integral_value(rounding=ROUND_FLOOR))
        basis = BASIS_PER_HOUR
    vouchers = min(limit, price_gross // rules.voucher_unit)
    covered = vouchers * rules.voucher_unit
    return VoucherCost(
        vouchers=vouchers,
        covered=covered,
        top_up=price_gross - covered,
        max_vouchers=limit,
        basis=basis,
        per_hour=per_hour,
        voucher_unit=rules.voucher_unit,
    )


def consumption_rules_from(
    value: Mapping[str, Any],
    *,
    voucher_unit: int,
    valid_from: date | None = None,
    decision_ref: str = "",
) -> ConsumptionRules:
    """Parse the JSON value of a ``consumption`` rule version. Raises ``RuleValueError``.

    Shape: ``{"default_per_hour": 3, "per_hour": {"languages": 1, "it_digital": 2},
    "exam_max_vouchers": 40, "exam_category_codes": ["exams"]}``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A consumption rule is an object.")
    per_hour_raw = value.get("per_hour", {})
    if not isinstance(per_hour_raw, Mapping):
        raise RuleValueError("per_hour maps category codes to whole vouchers per hour.")
    per_hour = {str(code): _int(n, f"per_hour {code}", minimum=0) for code, n in per_hour_raw.items()}
    return ConsumptionRules(
        voucher_unit=voucher_unit,
        default_per_hour=_int(value.get("default_per_hour"), "default_per_hour", minimum=0),
        per_hour=MappingProxyType(per_hour),
        exam_max_vouchers=_int(value.get("exam_max_vouchers", 40), "exam_max_vouchers", minimum=0),
        exam_category_codes=_str_tuple(
            value.get("exam_category_codes", ["exams"]), "exam_category_codes", None
        ),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )


def voucher_unit_from(value: Mapping[str, Any]) -> int:
    """Parse the JSON value of a ``voucher_unit`` rule version: ``{"grosze": 1500}``."""
    if not isinstance(value, Mapping):
        raise RuleValueError('A voucher unit is an object such as {"grosze": 1500}.')
    return _int(value.get("grosze"), "grosze", minimum=1)


@dataclass(frozen=True)
class BookingRules:
    """One dated version of the booking rule: the deadlines of a booking's life.

    - ``min_days_before_start``: a booking is made at least this many days before the service starts;
    - ``answer_working_days``: the provider accepts or rejects within this many working days (Polish
      public holidays and weekends do not count), after which the booking lapses;
    - ``cancel_days_before_start``: the participant may cancel until this many days before the start;
    - ``report_days_after_end``: the provider reports completion within this many days of the end,
      after which the booking counts as not delivered;
    - ``use_by_days``: vouchers may be used for this many days after they are issued (never past the
      programme's end).
    """

    min_days_before_start: int = 3
    answer_working_days: int = 5
    cancel_days_before_start: int = 2
    report_days_after_end: int = 14
    use_by_days: int = 365
    valid_from: date | None = None
    decision_ref: str = ""


def booking_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> BookingRules:
    """Parse the JSON value of a ``booking`` rule version. Raises ``RuleValueError``.

    Shape: ``{"min_days_before_start": 3, "answer_working_days": 5, "cancel_days_before_start": 2,
    "report_days_after_end": 14, "use_by_days": 365}``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A booking rule is an object.")
    return BookingRules(
        min_days_before_start=_int(value.get("min_days_before_start"), "min_days_before_start", minimum=0),
        answer_working_days=_int(value.get("answer_working_days"), "answer_working_days", minimum=1),
        cancel_days_before_start=_int(
            value.get("cancel_days_before_start"), "cancel_days_before_start", minimum=0
        ),
        report_days_after_end=_int(value.get("report_days_after_end"), "report_days_after_end", minimum=1),
        use_by_days=_int(value.get("use_by_days"), "use_by_days", minimum=1),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )


def validate_rule_value(key: str, value: Any) -> None:
    """Raise ``RuleValueError`` unless ``value`` is a well-formed value of rule ``key``."""
    if key == RULE_VOUCHER_UNIT:
        voucher_unit_from(value)
    elif key == RULE_CONSUMPTION:
        consumption_rules_from(value, voucher_unit=1)
    elif key == RULE_ELIGIBILITY:
        eligibility_rules_from(value)
    elif key == RULE_BOOKING:
        booking_rules_from(value)
    elif key in _RULE_MODULES:
        # Rules kept in modules of their own (pure as this one, apart for its size); they import it.
        module, parser = _RULE_MODULES[key]
        getattr(import_module(f"{__package__}.{module}"), parser)(value)
    else:
        raise RuleValueError(f"Unknown rule key: {key}.")


_RULE_MODULES = {
    RULE_HOURS: ("hours_rules", "hours_rules_from"),
    RULE_APPEAL: ("appeal_rules", "appeal_rules_from"),
    RULE_CONFIRMATION: ("domain_confirmation", "confirmation_rules_from"),
    RULE_OUTCOME_SURVEY: ("outcome_survey_rules", "outcome_survey_rules_from"),
    RULE_COMPLAINTS: ("complaint_rules", "complaint_rules_from"),
    RULE_CONTRIBUTION: ("contribution_rules", "contribution_rules_from"),
    RULE_SERVICE_TYPES: ("service_type_rules", "service_type_rules_from"),
}


def _int(value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleValueError(f"{name} must be a whole number.")
    if minimum is not None and value < minimum:
        raise RuleValueError(f"{name} must be at least {minimum}.")
    if maximum is not None and value > maximum:
        raise RuleValueError(f"{name} must be at most {maximum}.")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise RuleValueError(f"{name} must be a list.")
    return value


def _str_tuple(value: Any, name: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    items = _list(value, name)
    for item in items:
        if not isinstance(item, str) or (allowed is not None and item not in allowed):
            choices = f" among {', '.join(allowed)}" if allowed else ""
            raise RuleValueError(f"{name}: each entry must be a text{choices}.")
    return tuple(items)
