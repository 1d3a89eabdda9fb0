from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, register_converter
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as documents

from kierunek.cms.paths import PagePathConverter
from kierunek.core.views import healthz

from .api import api


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """One login page for everybody: the admin site sends people to it (two factors for staff).
    A logged-in person who is not an administrator gets 403, not a loop back to the login."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", "/admin/"), settings.LOGIN_URL)


register_converter(PagePathConverter, "pagepath")

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
    path("", include("kierunek.outreach.urls")),
    path("", include("kierunek.validation.urls")),
    path("", include("kierunek.newsletter.urls")),
    path("", include("kierunek.education.urls")),
    path("", include("kierunek.reports.urls")),
    path("", include("kierunek.initiatives.urls")),
    # The public portal (decision 0031): the editors' CMS admin (its roles only,
    # kierunek.cms.middleware), the documents of its pages, and its page tree under /strony/.
    path("", include("kierunek.cms.urls")),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("dokumenty/<int:document_id>/<str:document_filename>", documents.serve, name="wagtaildocs_serve"),
    path(
        "dokumenty/haslo/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("strony/<pagepath:path>", wagtail_views.serve, name="wagtail_serve"),
    path("", include("kierunek.recruitment.urls")),
    path("", include("kierunek.brokerage.urls")),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A busy database met outside a view (a session saved after the view) answers 503, not 500 or 400.
handler500 = "kierunek.core.busy.server_error"
handler400 = "kierunek.core.busy.bad_request"
