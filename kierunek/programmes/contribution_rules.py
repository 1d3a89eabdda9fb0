"""The ``contribution`` rule of a programme, pure like :mod:`.domain` (no Django): the participant's
own contribution (wkład własny) paid before the vouchers of a package are issued. Kept next to the
domain rather than in it only because ``domain.py`` is at the size limit of a module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from stdnum import iban as stdnum_iban

from .domain import RuleValueError, _int, _list, _str_tuple, age_on

# How the share of a package is rounded to the grosz: half up (0.5 gr. and more up), or down.
ROUND_HALF_UP = "half_up"
ROUND_DOWN = "down"
ROUNDINGS = (ROUND_HALF_UP, ROUND_DOWN)
BASIS_POINTS = 10_000  # 100 %


@dataclass(frozen=True)
class ExemptGroup:
    """People of at least ``min_age`` (when set) and with at most ISCED level ``max_isced`` (when
    set); at least one of the two is set."""

    min_age: int | None = None
    max_isced: int | None = None


@dataclass(frozen=True)
class ContributionRules:
    """One dated version of the own-contribution rule.

    - ``share_bp``: the share of the package's value the participant pays, in basis points
      (1300 = 13 %), rounded to the grosz by ``rounding``;
    - ``packages``: the package kinds it applies to (empty: every package);
    - ``due_working_days``: paid within this many working days of the order (Polish public holidays
      and weekends do not count), or the order lapses;
    - ``exempt_groups``: people who pay nothing (any one group is enough);
    - ``account_iban`` / ``account_holder``: the operator's account for contributions;
    - ``refund_unissued``: a contribution paid for an order that is then refused or has lapsed is
      paid back to the participant.
    """

    share_bp: int = 0
    packages: tuple[str, ...] = ()
    due_working_days: int = 14
    rounding: str = ROUND_HALF_UP
    exempt_groups: tuple[ExemptGroup, ...] = ()
    account_iban: str = ""
    account_holder: str = ""
    refund_unissued: bool = True
    valid_from: date | None = None
    decision_ref: str = ""

    def applies_to(self, package_kind: str) -> bool:
        return self.share_bp > 0 and (not self.packages or package_kind in self.packages)


def contribution_amount(*, package_value: int, share_bp: int, rounding: str) -> int:
    """The contribution in grosze: ``share_bp`` basis points of ``package_value`` grosze, rounded to
    the grosz (integers only: no float ever sees money)."""
    if package_value < 0 or not 0 <= share_bp <= BASIS_POINTS:
        raise ValueError("A package value is not negative and a share is 0 to 10 000 basis points.")
    exact = package_value * share_bp
    if rounding == ROUND_HALF_UP:
        return (exact + BASIS_POINTS // 2) // BASIS_POINTS
    if rounding == ROUND_DOWN:
        return exact // BASIS_POINTS
    raise ValueError(f"Unknown rounding: {rounding}.")


def exempt_group_of(
    *, rules: ContributionRules, birth_date: date | None, education_level: int | None, on: date
) -> ExemptGroup | None:
    """The first exempt group the person belongs to on ``on``, or None. A group's condition the
    facts cannot show (no date of birth, no education level on record) is not met: exemption is
    never presumed."""
    for group in rules.exempt_groups:
        if group.min_age is not None and (birth_date is None or age_on(birth_date, on) < group.min_age):
            continue
        if group.max_isced is not None and (education_level is None or education_level > group.max_isced):
            continue
        return group
    return None


def contribution_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> ContributionRules:
    """Parse ``{"share_bp": 1300, "packages": ["vocational"], "due_working_days": 14,
    "rounding": "half_up", "exempt_groups": [{"min_age": 50}], "account_iban": "PL…",
    "account_holder": "…", "refund_unissued": true}``. Raises ``RuleValueError``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A contribution rule is an object.")
    rounding = value.get("rounding", ROUND_HALF_UP)
    if rounding not in ROUNDINGS:
        raise RuleValueError(f"rounding must be one of {', '.join(ROUNDINGS)}.")
    groups = []
    for item in _list(value.get("exempt_groups", []), "exempt_groups"):
        if not isinstance(item, Mapping) or not ({"min_age", "max_isced"} & set(item)):
            raise RuleValueError("Each exempt group has min_age, max_isced or both.")
        groups.append(
            ExemptGroup(
                min_age=_int(item["min_age"], "min_age", minimum=0, maximum=120)
                if "min_age" in item
                else None,
                max_isced=_int(item["max_isced"], "max_isced", minimum=0, maximum=8)
                if "max_isced" in item
                else None,
            )
        )
    iban = value.get("account_iban")
    if not isinstance(iban, str) or not stdnum_iban.is_valid(iban):
        raise RuleValueError("account_iban must be a valid IBAN.")
    holder = value.get("account_holder")
    if not isinstance(holder, str) or not holder.strip():
        raise RuleValueError("account_holder must be the account holder's name.")
    refund = value.get("refund_unissued", True)
    if not isinstance(refund, bool):
        raise RuleValueError("refund_unissued must be true or false.")
    return ContributionRules(
        share_bp=_int(value.get("share_bp"), "share_bp", minimum=0, maximum=BASIS_POINTS),
        packages=_str_tuple(value.get("packages", []), "packages", None),
        due_working_days=_int(value.get("due_working_days"), "due_working_days", minimum=1, maximum=60),
        rounding=rounding,
        exempt_groups=tuple(groups),
        account_iban=stdnum_iban.compact(iban),
        account_holder=holder.strip(),
        refund_unissued=refund,
        valid_from=valid_from,
        decision_ref=decision_ref,
    )
