from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    name = "kierunek.vouchers"
    verbose_name = _("Vouchers, bookings and settlement")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import (
            audit_actions,  # noqa: F401  (declares this context's audit actions)
            guidance_hooks,  # noqa: F401  (gives guidance the vouchers left)
            workflows,  # noqa: F401  (declares its lifecycles in the registry)
        )
        from .jobs import jobs_register
        from .personal_data import personal_data_register

        personal_data_register()
        from .indicators import indicators_register

        indicators_register()
        jobs_register()
        from .services.contributions import contribution_matcher_register
        from .services.statements import statement_matchers_register

        statement_matchers_register()
        contribution_matcher_register()
        from . import catalogue_hooks  # noqa: F401  (registers the card page's booking panel)
