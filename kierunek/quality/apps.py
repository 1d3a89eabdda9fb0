from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "kierunek.quality"
    label = "quality"
    verbose_name = _("Quality mark (MSUES)")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import audit_actions, workflows  # noqa: F401  (declares the actions, registers the lifecycle)
        from .hooks import provider_panels_register
        from .personal_data import personal_data_register

        personal_data_register()
        provider_panels_register()
