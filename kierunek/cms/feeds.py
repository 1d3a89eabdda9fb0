"""RSS 2.0 and Atom feeds of the news (Django's syndication framework): all sections' news, and
each section's, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors
from .models import NewsPage, SectionPage


class NewsFeed(Feed):
    def get_object(self, request: HttpRequest, section: str | None = None) -> SectionPage | None:
        if section is None:
            return None
        try:
            return selectors.section_by_slug(section)
        except SectionPage.DoesNotExist:
            raise Http404 from None

    def title(self, obj: SectionPage | None) -> str:
        return f"Kierunek — {obj.title}" if obj else _("Kierunek — news of the portal")

    def link(self, obj: SectionPage | None) -> str:
        return obj.get_url_parts()[2] if obj else "/strony/"

    def description(self, obj: SectionPage | None) -> str:
        return _("News of the Małopolska lifelong-learning programme and its partnerships.")

    def items(self, obj: SectionPage | None) -> Any:
        return selectors.news_for_feed(section=obj)

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        return item.get_url_parts()[2]

    def item_author_name(self, item: NewsPage) -> str:
        return item.author

    def item_pubdate(self, item: NewsPage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: NewsPage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: NewsPage) -> list[str]:
        return [c.name for c in item.categories.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: SectionPage | None) -> str:
        return self.description(obj)
