from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "kierunek.education"
    verbose_name = _("Metropolitan education")

    def ready(self) -> None:
        from .personal_data import personal_data_register

        personal_data_register()
