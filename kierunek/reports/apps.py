from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kierunek.reports"
    verbose_name = _("Reports and open data")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
