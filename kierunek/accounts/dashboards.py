"""What accounts shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="accounts.administration",
            role="administrator",
            template="accounts/_dashboard_administrator.html",
        )
    )
