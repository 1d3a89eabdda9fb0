from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kierunek.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import audit_actions  # noqa: F401  (declares this context's audit actions)
        from .personal_data import personal_data_register

        personal_data_register()
