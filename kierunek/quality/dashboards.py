"""What the quality mark shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`)."""

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .selectors import officer_cases_waiting_count


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="quality.officer_cases",
            role="officer",
            template="quality/_dashboard_officer.html",
            context=lambda request: {"cases": officer_cases_waiting_count()},
            order=30,
            area="work",
        ),
        DashboardBlock(
            key="quality.provider_link",
            role="provider_staff",
            template="quality/_dashboard_provider.html",
            order=60,
            area="work",
        ),
        DashboardBlock(key="quality.auditor", role="auditor", template="quality/_dashboard_auditor.html"),
    ):
        dashboard_block_register(block)
