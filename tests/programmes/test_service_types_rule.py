"""The ``service_types`` rule: which kinds of service the vouchers pay for, and the kinds paid as a
whole up to a cap (issue 16: validation and certification). Table-driven against the pure rule,
then the version Kierunek Kariera ships."""

from datetime import date
from decimal import Decimal

import pytest

from kierunek.catalogue.models import ServiceType
from kierunek.programmes import domain, selectors
from kierunek.programmes.explain import describe_rule
from kierunek.programmes.service_type_rules import (
    BASIS_NOT_PAYABLE,
    BASIS_TYPE_CAP,
    BEFORE_THE_RULE,
    SERVICE_TYPES,
    ServiceTypeRules,
    service_cost,
    service_type_rules_from,
)

from .helpers import demo_programme

CONSUMPTION = domain.ConsumptionRules(voucher_unit=1500, default_per_hour=3, exam_max_vouchers=40)
RULE = service_type_rules_from(
    {
        "payable": ["training", "exam", "validation", "certification"],
        "max_vouchers": {"validation": 80, "certification": 60},
    }
)


def cost(types, service_type, *, hours="4", price=200_000):
    return service_cost(
        rules=CONSUMPTION,
        types=types,
        category_code="technical",
        parent_category_code=None,
        service_type=service_type,
        hours=Decimal(hours),
        price_gross=price,
    )


def test_the_rule_knows_every_kind_of_service_of_the_catalogue():
    assert set(SERVICE_TYPES) == set(ServiceType.values)


@pytest.mark.parametrize(
    ("types", "service_type", "price", "vouchers", "top_up", "basis"),
    [
        # a cap of its own: whole vouchers within the price, at most the cap, hours do not count
        (RULE, "validation", 200_000, 80, 200_000 - 80 * 1500, BASIS_TYPE_CAP),
        (RULE, "validation", 90_000, 60, 0, BASIS_TYPE_CAP),
        (RULE, "validation", 90_100, 60, 100, BASIS_TYPE_CAP),
        (RULE, "certification", 120_000, 60, 120_000 - 60 * 1500, BASIS_TYPE_CAP),
        # no cap of its own: the consumption rule (4 hours x 3 vouchers; the exam cap)
        (RULE, "training", 200_000, 12, 200_000 - 12 * 1500, domain.BASIS_PER_HOUR),
        (RULE, "exam", 200_000, 40, 200_000 - 40 * 1500, domain.BASIS_EXAM_CAP),
        # not listed: no voucher, the whole price on top
        (RULE, "advisory", 200_000, 0, 200_000, BASIS_NOT_PAYABLE),
        # no version in force: what the vouchers always paid for, and not validation
        (None, "training", 200_000, 12, 200_000 - 12 * 1500, domain.BASIS_PER_HOUR),
        (None, "advisory", 200_000, 12, 200_000 - 12 * 1500, domain.BASIS_PER_HOUR),
        (None, "validation", 200_000, 0, 200_000, BASIS_NOT_PAYABLE),
        (None, "certification", 200_000, 0, 200_000, BASIS_NOT_PAYABLE),
    ],
)
def test_cost_by_kind(types, service_type, price, vouchers, top_up, basis):
    result = cost(types, service_type, price=price)
    assert (result.vouchers, result.top_up, result.basis) == (vouchers, top_up, basis)
    assert result.covered + result.top_up == price


def test_before_the_rule_every_old_kind_is_paid_and_no_new_one():
    assert set(BEFORE_THE_RULE) == set(SERVICE_TYPES) - {"validation", "certification"}
    assert ServiceTypeRules().pays_for("exam")
    assert not ServiceTypeRules().pays_for("validation")


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"payable": []},
        {"payable": ["lecture"]},
        {"payable": "training"},
        {"payable": ["training"], "max_vouchers": {"validation": 10}},  # a cap of a kind not paid
        {"payable": ["validation"], "max_vouchers": {"validation": 0}},
        {"payable": ["validation"], "max_vouchers": {"validation": "80"}},
        {"payable": ["validation"], "max_vouchers": [80]},
    ],
)
def test_a_malformed_value_is_refused(value):
    with pytest.raises(domain.RuleValueError):
        domain.validate_rule_value(domain.RULE_SERVICE_TYPES, value)


@pytest.mark.django_db
def test_kierunek_kariera_pays_for_validation_and_certification_from_its_decision():
    programme = demo_programme()
    assert selectors.service_type_rules_on(programme=programme, day=date(2026, 11, 30)) is None

    version, rules = selectors.service_type_rules_on(programme=programme, day=date(2026, 12, 1))

    assert set(rules.payable) == set(SERVICE_TYPES)
    assert dict(rules.max_vouchers) == {"validation": 80, "certification": 60}
    assert version.decision_ref.startswith("Uchwała nr 1398/26")
    lines = describe_rule(version)
    assert any("80" in line for line in lines)
    assert any("60" in line for line in lines)
