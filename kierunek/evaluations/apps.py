from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "kierunek.evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from . import audit_actions, catalogue_hooks, workflows  # noqa: F401  (they register)
        from .dashboards import dashboard_blocks_register
        from .personal_data import personal_data_register
        from .vouchers_hooks import vouchers_hooks_register

        dashboard_blocks_register()
        personal_data_register()
        vouchers_hooks_register()
