"""Acting for another person: who may do what on a participant's behalf.

A lower context (vouchers' booking, guidance's portfolio) lets a person act for a participant only
when a registered check says so; a higher context (brokerage, with its mandates) registers the
check from its ``AppConfig.ready()``. With no check registered nobody acts for anybody."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BOOK = "book"  # book a service on the participant's behalf, without their confirmation
CANCEL = "cancel"  # cancel the participant's booking
PORTFOLIO = "portfolio"  # add evidence to the participant's portfolio

AgentCheck = Callable[[Any, Any, str], bool]  # (agent, participant, action) -> allowed

_checks: list[AgentCheck] = []


def agent_check_register(check: AgentCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def agent_checks() -> list[AgentCheck]:
    return list(_checks)


def may_act_for(*, agent: Any, participant: Any, action: str) -> bool:
    """Whether ``agent`` may take ``action`` for ``participant`` now (any registered check says
    yes). Never for oneself: a person acts for themselves without an agent."""
    if agent is None or participant is None or agent.pk == participant.pk:
        return False
    return any(check(agent, participant, action) for check in _checks)
