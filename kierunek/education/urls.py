"""Pages of metropolitan education, under /edukacja/. Each part of the plan keeps its addresses in
its own module (``urls_<part>.py``), added here."""

from django.urls import URLPattern, URLResolver

from . import urls_diagnosis, urls_forum

app_name = "education"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += urls_diagnosis.urlpatterns
urlpatterns += urls_forum.urlpatterns
