from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "kierunek.outreach"
    verbose_name = _("Outreach through gminas")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .accounts_hooks import accounts_hooks_register
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register

        accounts_hooks_register()
        dashboard_blocks_register()
        personal_data_register()
        from .indicators import indicators_register

        indicators_register()
