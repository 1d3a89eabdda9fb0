from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kierunek.reports"
    verbose_name = _("Reports and open data")

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (it registers itself)
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register

        dashboard_blocks_register()
        personal_data_register()
