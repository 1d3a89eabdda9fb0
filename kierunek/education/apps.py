from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "kierunek.education"
    verbose_name = _("Metropolitan education")

    def ready(self) -> None:
        from . import audit_actions_training  # noqa: F401  (it registers itself)
        from .dashboards_training import training_dashboard_blocks_register
        from .events_hooks import events_hooks_register
        from .personal_data import personal_data_register
        from .personal_data_training import training_personal_data_register

        personal_data_register()
        from . import audit_actions_edua, workflows_materials  # noqa: F401  (they register themselves)
        from .dashboards_edua import dashboard_blocks_register as edua_dashboards
        from .personal_data_edua import personal_data_register as edua_personal_data

        edua_dashboards()
        edua_personal_data()
        training_personal_data_register()
        training_dashboard_blocks_register()
        events_hooks_register()
