from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "kierunek.guidance"
    verbose_name = _("Career guidance and the competence balance")
