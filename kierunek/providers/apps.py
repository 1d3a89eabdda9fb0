from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "kierunek.providers"
    verbose_name = _("Training providers")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import audit_actions, workflows  # noqa: F401  (declares the actions, registers the lifecycles)
        from .personal_data import personal_data_register

        personal_data_register()
