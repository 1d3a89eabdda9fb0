"""The ``service_types`` rule of a programme, pure like :mod:`.domain` (no Django): which kinds of
service its vouchers pay for, and the kinds a voucher pays for as a whole, up to a cap, rather than
by the hour (issue 16: validation and certification of a market qualification cost a fee, not
hours of teaching). Kept next to the domain rather than in it only because ``domain.py`` is at the
size limit of a module.

Without a version in force the programme pays for the kinds it paid for before the rule existed
(:data:`BEFORE_THE_RULE`), so a programme that never adopts the rule keeps its terms; validation
and certification are paid only from the day a version lists them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .domain import ConsumptionRules, RuleValueError, VoucherCost, _int, _str_tuple, voucher_cost

# Every kind of service of the catalogue (kierunek.catalogue.models.ServiceType; a test keeps the
# two in step: this module imports no Django).
SERVICE_TYPES = ("training", "advisory", "exam", "postgraduate", "validation", "certification")
# What the vouchers paid for before the first version of the rule.
BEFORE_THE_RULE = ("training", "advisory", "exam", "postgraduate")
# VoucherCost.basis of a kind with a cap of its own, and of a kind the vouchers do not pay for.
BASIS_TYPE_CAP = "type_cap"
BASIS_NOT_PAYABLE = "not_payable"


@dataclass(frozen=True)
class ServiceTypeRules:
    """One dated version of the rule.

    - ``payable``: the kinds of service the vouchers pay for; a booking of another kind is refused;
    - ``max_vouchers``: kinds paid as a whole: such a service takes at most this many vouchers,
      whatever its hours (as the consumption rule's exam cap does for exams); the other kinds
      follow the consumption rule.
    """

    payable: tuple[str, ...] = BEFORE_THE_RULE
    max_vouchers: Mapping[str, int] = field(default_factory=dict)
    valid_from: date | None = None
    decision_ref: str = ""

    def pays_for(self, service_type: str) -> bool:
        return service_type in self.payable


def service_type_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> ServiceTypeRules:
    """Parse the JSON value of a ``service_types`` rule version. Raises ``RuleValueError``.

    Shape: ``{"payable": ["training", "exam", "validation", "certification"],
    "max_vouchers": {"validation": 80, "certification": 60}}``; a kind with a cap must be payable."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A service types rule is an object.")
    payable = _str_tuple(value.get("payable"), "payable", SERVICE_TYPES)
    if not payable:
        raise RuleValueError("payable names at least one kind of service.")
    caps_raw = value.get("max_vouchers", {})
    if not isinstance(caps_raw, Mapping):
        raise RuleValueError("max_vouchers maps kinds of service to whole vouchers.")
    caps = {}
    for kind, count in caps_raw.items():
        if kind not in payable:
            raise RuleValueError(f"max_vouchers {kind}: only a payable kind of service has a cap.")
        caps[str(kind)] = _int(count, f"max_vouchers {kind}", minimum=1)
    return ServiceTypeRules(
        payable=payable,
        max_vouchers=MappingProxyType(caps),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )


def service_cost(
    *,
    rules: ConsumptionRules,
    types: ServiceTypeRules | None,
    category_code: str,
    parent_category_code: str | None,
    service_type: str,
    hours: Decimal,
    price_gross: int,
) -> VoucherCost:
    """What a service costs in vouchers under the consumption rule and the service types rule in
    force (``types`` None: no version in force). A kind the vouchers do not pay for costs no
    voucher (basis :data:`BASIS_NOT_PAYABLE`, the whole price on top); a kind with a cap takes the
    smaller of the cap and the whole vouchers within its price, as an exam does; any other follows
    :func:`.domain.voucher_cost`."""
    types = types or ServiceTypeRules()
    if not types.pays_for(service_type):
        if isinstance(price_gross, bool) or not isinstance(price_gross, int) or price_gross < 0:
            raise ValueError("price_gross is a non-negative int number of grosze.")
        return VoucherCost(
            vouchers=0,
            covered=0,
            top_up=price_gross,
            max_vouchers=0,
            basis=BASIS_NOT_PAYABLE,
            per_hour=None,
            voucher_unit=rules.voucher_unit,
        )
    cost = voucher_cost(
        rules=rules,
        category_code=category_code,
        parent_category_code=parent_category_code,
        service_type=service_type,
        hours=hours,
        price_gross=price_gross,
    )
    cap = types.max_vouchers.get(service_type)
    if cap is None:
        return cost
    vouchers = min(cap, price_gross // rules.voucher_unit)
    covered = vouchers * rules.voucher_unit
    return VoucherCost(
        vouchers=vouchers,
        covered=covered,
        top_up=price_gross - covered,
        max_vouchers=cap,
        basis=BASIS_TYPE_CAP,
        per_hour=None,
        voucher_unit=rules.voucher_unit,
    )
