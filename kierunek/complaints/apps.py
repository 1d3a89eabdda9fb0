from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "kierunek.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .catalogue_hooks import catalogue_hooks_register
        from .dashboards import dashboard_blocks_register
        from .evaluations_hooks import evaluations_hooks_register
        from .personal_data import personal_data_register
        from .vouchers_hooks import vouchers_hooks_register

        dashboard_blocks_register()
        personal_data_register()
        catalogue_hooks_register()
        vouchers_hooks_register()
        evaluations_hooks_register()
