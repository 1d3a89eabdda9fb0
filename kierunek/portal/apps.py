from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the layering: pages that gather every context (the dashboards) and the demo
    seeding. It may import any context; no context imports it."""

    name = "kierunek.portal"
    label = "portal"
    verbose_name = _("Portal")
