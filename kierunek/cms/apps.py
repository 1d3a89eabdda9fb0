from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "kierunek.cms"
    label = "cms"
    verbose_name = _("Public portal pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import audit_actions, workflows  # noqa: F401  (they register themselves)
        from .dashboards import dashboard_blocks_register
        from .home_hooks import home_figures_register
        from .personal_data import personal_data_register
        from .signals import signals_connect
        from .wagtail_hooks import date_widgets_without_inline_script

        dashboard_blocks_register()
        home_figures_register()
        personal_data_register()
        signals_connect()
        date_widgets_without_inline_script()
