from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "kierunek.recruitment"
    verbose_name = _("Upper-secondary recruitment")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register

        dashboard_blocks_register()
        personal_data_register()
        from .indicators import indicators_register

        indicators_register()
