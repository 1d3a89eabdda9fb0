"""What vouchers contributes to career guidance: guidance sits below vouchers and asks through
:mod:`kierunek.guidance.hooks`. Importing this module registers it (``VouchersConfig.ready()``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from kierunek.guidance.hooks import vouchers_left_provider_register

from .models import VoucherAccount


def vouchers_left(*, participant: Any, today: date) -> dict[str, int]:
    """Vouchers the participant can still spend, by package kind (issued, not expired)."""
    accounts = VoucherAccount.objects.filter(participant=participant, expires_on__gte=today).select_related(
        "account", "package"
    )
    return {account.package.kind: account.account.balance // account.voucher_unit for account in accounts}


vouchers_left_provider_register(vouchers_left)
