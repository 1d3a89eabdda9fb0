"""Pages of metropolitan education, under /edukacja/. Each part of the plan keeps its addresses in
its own module (``urls_<part>.py``), added here."""

from django.urls import URLPattern, URLResolver, include, path

from . import urls_diagnosis, urls_forum

app_name = "education"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += [path("", include("kierunek.education.urls_edua"))]

from .urls_training import urlpatterns as training_urlpatterns  # noqa: E402

urlpatterns += training_urlpatterns
urlpatterns += urls_diagnosis.urlpatterns
urlpatterns += urls_forum.urlpatterns
