from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "kierunek.guidance"
    verbose_name = _("Career guidance and the competence balance")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import (
            audit_actions,  # noqa: F401  (declares this context's audit actions)
            workflows,  # noqa: F401  (declares the plan's and the appointment's lifecycles)
        )
        from .personal_data import personal_data_register

        personal_data_register()
        from .indicators import indicators_register

        indicators_register()
