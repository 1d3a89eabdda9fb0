from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kierunek.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (it registers itself)
        from .personal_data import personal_data_register

        personal_data_register()
