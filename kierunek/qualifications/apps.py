from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualificationsConfig(AppConfig):
    name = "kierunek.qualifications"
    verbose_name = _("Qualifications")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .catalogue_hooks import catalogue_hooks_register
        from .dashboards import dashboard_blocks_register
        from .figures import resident_figures_register
        from .personal_data import personal_data_register

        personal_data_register()
        dashboard_blocks_register()
        catalogue_hooks_register()
        resident_figures_register()
        from .indicators import indicators_register

        indicators_register()
