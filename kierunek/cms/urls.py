"""Pages of the public portal besides Wagtail's page tree (``/strony/``, mounted in config.urls):
the search, the news feeds, the report of an inaccessible element, the images of pages, and the
office's reports under /biuro/dostepnosc/."""

from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed
from .views import office, public

app_name = "cms"

urlpatterns = [
    path("szukaj-na-portalu/", public.search, name="search"),
    path("aktualnosci/rss.xml", NewsFeed(), name="feed_rss"),
    path("aktualnosci/atom.xml", NewsAtomFeed(), name="feed_atom"),
    path("aktualnosci/<slug:section>/rss.xml", NewsFeed(), name="section_feed_rss"),
    path("aktualnosci/<slug:section>/atom.xml", NewsAtomFeed(), name="section_feed_atom"),
    path("deklaracja-dostepnosci/zgloszenie/", public.report_new, name="report_new"),
    path("pliki-portalu/images/<str:name>", public.rendition, name="rendition"),
    path("biuro/dostepnosc/", office.reports, name="reports"),
    path("biuro/dostepnosc/<int:report_id>/", office.report, name="report"),
]
