from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "kierunek.recruitment"
    verbose_name = _("Upper-secondary recruitment")
