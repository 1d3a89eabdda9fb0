from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokerageConfig(AppConfig):
    name = "kierunek.brokerage"
    verbose_name = _("Education brokers")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from kierunek.core.agents import agent_check_register

        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .dashboards import dashboard_blocks_register
        from .middleware import on_login
        from .personal_data import personal_data_register
        from .services.mandates import agent_check

        agent_check_register(agent_check)  # vouchers and guidance ask it (core/agents.py)
        user_logged_in.connect(on_login, dispatch_uid="brokerage.first_password")
        dashboard_blocks_register()
        personal_data_register()
