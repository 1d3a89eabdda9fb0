"""Hooks through which contexts above guidance add what guidance shows but does not own.

Guidance sits below vouchers in the layering, so it never imports it; vouchers fills these in its
``AppConfig.ready()``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

# (participant, today) -> {package kind: vouchers the participant can still spend}
VouchersLeft = Callable[..., dict[str, int]]

_vouchers_left_provider: VouchersLeft | None = None


def vouchers_left_provider_register(provider: VouchersLeft) -> None:
    """Set the function that tells how many vouchers a participant has left, by package kind.
    Called once, by the vouchers context."""
    global _vouchers_left_provider
    _vouchers_left_provider = provider


def vouchers_left(*, participant: Any, today: date) -> dict[str, int]:
    """Vouchers the participant can still spend, by package kind (issued, not expired); empty
    when no context provides them."""
    if _vouchers_left_provider is None:
        return {}
    return _vouchers_left_provider(participant=participant, today=today)
