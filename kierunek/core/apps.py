from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kierunek.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (declares this context's audit actions)
        from .personal_data import audit_events_register

        audit_events_register()
