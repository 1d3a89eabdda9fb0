from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "kierunek.partnership"
    verbose_name = _("Partnership")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .activity import activity_sources_register
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register
        from .personal_data_indicators import personal_data_indicators_register

        dashboard_blocks_register()
        personal_data_register()
        activity_sources_register()
        personal_data_indicators_register()
        from .indicators import indicators_register

        indicators_register()
