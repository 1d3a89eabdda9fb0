from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from kierunek.core.views import healthz

from .api import api


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """One login page for everybody: the admin site sends people to it (two factors for staff).
    A logged-in person who is not an administrator gets 403, not a loop back to the login."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", "/admin/"), settings.LOGIN_URL)


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = "Kierunek — administracja"

urlpatterns = [
    path("", include("kierunek.core.urls")),
    path("", include("kierunek.accounts.urls")),
    path("", include("kierunek.providers.urls")),
    path("", include("kierunek.quality.urls")),
    path("", include("kierunek.events.urls")),
    path("", include("kierunek.catalogue.urls")),
    path("", include("kierunek.qualifications.urls")),
    path("", include("kierunek.programmes.urls")),
    path("", include("kierunek.guidance.urls")),
    path("", include("kierunek.agreements.urls")),
    path("", include("kierunek.vouchers.urls")),
    path("", include("kierunek.portal.urls")),
    path("", include("kierunek.evaluations.urls")),
    path("", include("kierunek.complaints.urls")),
    path("", include("kierunek.partnership.urls")),
    path("", include("kierunek.labourmarket.urls")),
    path("", include("kierunek.validation.urls")),
    path("", include("kierunek.newsletter.urls")),
    path("", include("kierunek.education.urls")),
    path("", include("kierunek.brokerage.urls")),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A busy database met outside a view (a session saved after the view) answers 503, not 500 or 400.
handler500 = "kierunek.core.busy.server_error"
handler400 = "kierunek.core.busy.bad_request"
