from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "kierunek.education"
    verbose_name = _("Metropolitan education")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .dashboards_diagnosis import diagnosis_dashboard_blocks_register
        from .dashboards_edua import dashboard_blocks_register as edua_dashboards
        from .dashboards_training import training_dashboard_blocks_register
        from .events_hooks import events_hooks_register
        from .personal_data import personal_data_register
        from .personal_data_edua import personal_data_register as edua_personal_data
        from .personal_data_forum import forum_personal_data_register
        from .personal_data_training import training_personal_data_register
        from .selectors_diagnosis import planned_supply
        from .selectors_training import scheduled_course_places
        from .supply import supply_source_register

        personal_data_register()
        edua_personal_data()
        training_personal_data_register()
        forum_personal_data_register()
        edua_dashboards()
        training_dashboard_blocks_register()
        diagnosis_dashboard_blocks_register()
        events_hooks_register()
        supply_source_register("education.course_plan", planned_supply)
        supply_source_register("education.training_offer", scheduled_course_places)
        from .indicators import indicators_register

        indicators_register()
