"""Eligibility as a pure function over dated rule versions: the same person is eligible under one
call and not under another; every decision says which condition and which value decided it."""

from datetime import date

import pytest

from kierunek.programmes import domain, selectors
from kierunek.programmes.domain import (
    ELIGIBLE,
    INELIGIBLE,
    MANUAL_REVIEW,
    AllowedEmployment,
    EligibilityRules,
    PersonFacts,
    TargetGroup,
    decide_eligibility,
)

from .helpers import FIRST_CALL_DAY, SECOND_CALL_DAY, demo_programme

EMPLOYMENT = (AllowedEmployment("employed"), AllowedEmployment("self_employed", ("no_staff",)))
# The first call: adults 25+ with at most upper-secondary education, or 50+.
FIRST_CALL = EligibilityRules(
    min_age=18,
    employment=EMPLOYMENT,
    target_groups=(TargetGroup(25, 3), TargetGroup(50, None)),
    valid_from=date(2025, 1, 1),
    decision_ref="call I",
)
# The second call: every adult.
SECOND_CALL = EligibilityRules(
    min_age=18, employment=EMPLOYMENT, valid_from=date(2026, 1, 1), decision_ref="call II"
)

ON = date(2026, 3, 16)


def person(age_years: int = 30, **overrides) -> PersonFacts:
    values = {
        "birth_date": date(ON.year - age_years, 1, 10),
        "lives_in_region": True,
        "works_in_region": True,
        "studies_in_region": False,
        "education_level": 3,
        "employment_status": "employed",
        "employment_form": "employment_contract",
    }
    values.update(overrides)
    return PersonFacts(**values)


# (description, facts, outcome under the first call, under the second, codes that decided)
TABLE = [
    ("30, upper-secondary, employed in Kraków", person(30), ELIGIBLE, ELIGIBLE, set()),
    ("30 with a degree", person(30, education_level=6), INELIGIBLE, ELIGIBLE, {"target_group_none"}),
    ("22, upper-secondary", person(22), INELIGIBLE, ELIGIBLE, {"target_group_none"}),
    ("25 exactly, ISCED 3", person(25), ELIGIBLE, ELIGIBLE, set()),
    ("49 with a short-cycle degree", person(49, education_level=5),
     INELIGIBLE, ELIGIBLE, {"target_group_none"}),
    ("50 with a doctorate", person(50, education_level=8), ELIGIBLE, ELIGIBLE, set()),
    ("55, self-employed, no staff", person(55, employment_status="self_employed", employment_form="no_staff"),
     ELIGIBLE, ELIGIBLE, set()),
    ("17", person(17), INELIGIBLE, INELIGIBLE, {"age_below_minimum", "target_group_none"}),
    ("unemployed", person(30, employment_status="unemployed", employment_form=None),
     INELIGIBLE, INELIGIBLE, {"employment_status_not_admitted"}),
    ("not working, not looking", person(60, employment_status="inactive", employment_form=None),
     INELIGIBLE, INELIGIBLE, {"employment_status_not_admitted"}),
    ("self-employed with staff", person(40, employment_status="self_employed", employment_form="with_staff"),
     INELIGIBLE, INELIGIBLE, {"employment_form_not_admitted"}),
    ("lives outside, works in Małopolska", person(30, lives_in_region=False), ELIGIBLE, ELIGIBLE, set()),
    ("lives and works outside", person(30, lives_in_region=False, works_in_region=False),
     INELIGIBLE, INELIGIBLE, {"no_region_link"}),
    ("only studies in Małopolska",
     person(30, lives_in_region=False, works_in_region=False, studies_in_region=True),
     MANUAL_REVIEW, MANUAL_REVIEW, {"region_link_needs_document"}),
    ("studies here, degree: the first call refuses outright",
     person(30, lives_in_region=False, works_in_region=False, studies_in_region=True, education_level=6),
     INELIGIBLE, MANUAL_REVIEW, {"region_link_needs_document", "target_group_none"}),
    ("unemployed with a place of work in the region does not count as working here",
     person(30, lives_in_region=False, employment_status="unemployed", employment_form=None),
     INELIGIBLE, INELIGIBLE, {"no_region_link", "employment_status_not_admitted"}),
    ("birth date and sex do not match the PESEL", person(30, identity_consistent=False),
     MANUAL_REVIEW, MANUAL_REVIEW, {"identity_mismatch"}),
    ("unknown birth date", person(30, birth_date=None),
     MANUAL_REVIEW, MANUAL_REVIEW, {"age_unknown", "target_group_unknown"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "first", "second", "codes"), [row[1:] for row in TABLE], ids=[r[0] for r in TABLE]
)
def test_eligibility_under_both_calls(facts, first, second, codes):
    under_first = decide_eligibility(facts=facts, rules=FIRST_CALL, on=ON)
    under_second = decide_eligibility(facts=facts, rules=SECOND_CALL, on=ON)

    assert (under_first.outcome, under_second.outcome) == (first, second)
    deciding = {r.code for d in (under_first, under_second) for r in (*d.failed, *d.to_review)}
    assert deciding == codes
    assert under_first.decision_ref == "call I"
    assert under_second.rules_valid_from == date(2026, 1, 1)


def test_reasons_name_the_rule_and_the_values():
    decision = decide_eligibility(facts=person(30, education_level=6), rules=FIRST_CALL, on=ON)
    failed = decision.failed
    assert len(failed) == 1
    reason = failed[0]
    assert reason.rule == "target_group"
    assert reason.values["age"] == 30
    assert reason.values["education_level"] == 6
    assert reason.values["groups"] == [{"min_age": 25, "max_isced": 3}, {"min_age": 50, "max_isced": None}]
    age = next(r for r in decision.reasons if r.rule == "age")
    assert (age.outcome, age.values) == (domain.MET, {"age": 30, "min_age": 18})
    assert domain.Reason.from_dict(reason.as_dict()) == reason


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2008, 3, 16), date(2026, 3, 16), 18),  # the 18th birthday
        (date(2008, 3, 17), date(2026, 3, 16), 17),  # the day before it
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # born on a leap day: not yet in a common year
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2004, 2, 29), date(2024, 2, 29), 20),
        (date(1899, 12, 31), date(2026, 1, 1), 126),
    ],
)
def test_age_on_a_day(born, on, age):
    assert domain.age_on(born, on) == age


@pytest.mark.parametrize(("on", "outcome"), [(date(2026, 3, 15), INELIGIBLE), (date(2026, 3, 16), ELIGIBLE)])
def test_adult_from_the_18th_birthday(on, outcome):
    facts = person(birth_date=date(2008, 3, 16))
    assert decide_eligibility(facts=facts, rules=SECOND_CALL, on=on).outcome == outcome


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"min_age": "18"}, "min_age"),
        ({"region_links": ["home"]}, "region_links"),
        ({"employment": [{"status": "retired"}]}, "employment"),
        ({"employment": [{"status": "self_employed", "forms": ["big"]}]}, "forms"),
        ({"target_groups": [{"min_age": 25, "max_isced": 9}]}, "max_isced"),
        ([], "object"),
    ],
)
def test_malformed_rule_values_are_refused(value, message):
    with pytest.raises(domain.RuleValueError, match=message):
        domain.eligibility_rules_from(value)


# --- the demo programme's dated versions --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "has_target_groups", "decision"),
    [
        (date(2025, 1, 1), True, "1742/24"),
        (FIRST_CALL_DAY, True, "1742/24"),
        (date(2025, 12, 31), True, "1742/24"),
        (date(2026, 1, 1), False, "2210/25"),
        (SECOND_CALL_DAY, False, "2210/25"),
    ],
)
def test_the_version_in_force_on_the_day_is_applied(day, has_target_groups, decision):
    version, rules = selectors.eligibility_rules_on(programme=demo_programme(), day=day)
    assert bool(rules.target_groups) is has_target_groups
    assert decision in version.decision_ref
    assert rules.valid_from == version.valid_from
    outcome = decide_eligibility(facts=person(30, education_level=6), rules=rules, on=day).outcome
    assert outcome == (INELIGIBLE if has_target_groups else ELIGIBLE)
