from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "kierunek.catalogue"
    verbose_name = _("Catalogue of development services")

    def ready(self) -> None:
        from .dashboards import dashboard_blocks_register

        dashboard_blocks_register()
        from . import (
            audit_actions,  # noqa: F401  (declares this context's audit actions)
            workflows,  # noqa: F401  (declares the card's lifecycle)
        )
        from .jobs import jobs_register
        from .personal_data import personal_data_register

        personal_data_register()
        jobs_register()
