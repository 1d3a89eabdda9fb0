"""Brokerage fills the core hook through which vouchers and guidance let someone act for a
participant (docs/architecture.md, the table of hooks), and nothing else fills it."""

from kierunek.core.agents import agent_checks


def test_the_agent_hook_is_filled_by_brokerage_only():
    assert {check.__module__ for check in agent_checks()} == {"kierunek.brokerage.services.mandates"}
