"""What evaluations shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register


def dashboard_blocks_register() -> None:
    dashboard_block_register(
        DashboardBlock(
            key="evaluations.provider_ratings_link",
            role="provider_staff",
            template="evaluations/_dashboard_provider.html",
            order=40,
            area="work",
        )
    )
