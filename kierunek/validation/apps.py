from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    name = "kierunek.validation"
    verbose_name = _("Validation of qualifications")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register
        from .qualifications_hooks import qualification_hooks_register

        dashboard_blocks_register()
        personal_data_register()
        qualification_hooks_register()
