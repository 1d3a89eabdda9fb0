"""What providers shows on the dashboards (the registry: :mod:`kierunek.core.dashboards`): the
officer's queue of registrations and bank-account changes, and the provider staff's links."""

from kierunek.core.dashboards import DashboardBlock, dashboard_block_register

from .selectors import officer_work_counts


def dashboard_blocks_register() -> None:
    for block in (
        DashboardBlock(
            key="providers.officer_work",
            role="officer",
            template="providers/_dashboard_officer.html",
            context=lambda request: {"work": officer_work_counts()},
            order=10,
            area="work",
        ),
        DashboardBlock(
            key="providers.institution_link",
            role="provider_staff",
            template="providers/_dashboard_links_first.html",
            order=10,
            area="work",
        ),
        DashboardBlock(
            key="providers.certificates_links",
            role="provider_staff",
            template="providers/_dashboard_links_last.html",
            order=70,
            area="work",
        ),
    ):
        dashboard_block_register(block)
