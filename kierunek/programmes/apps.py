from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "kierunek.programmes"
    verbose_name = _("Programmes and applications")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import (
            audit_actions,  # noqa: F401  (declares this context's audit actions)
            workflows,  # noqa: F401  (registers the application lifecycle)
        )
        from .personal_data import personal_data_register

        personal_data_register()
        from .indicators import indicators_register

        indicators_register()
        from . import catalogue_hooks  # noqa: F401  (gives the catalogue the hours rule)
