"""What the catalogue shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="catalogue.provider_cards_link",
            role="provider_staff",
            template="catalogue/_dashboard_provider.html",
            order=20,
            area="work",
        )
    )
