"""The portal's own search index and the record of news announced to the newsletter."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchEntry(models.Model):
    """A live page's text analysed by the catalogue's Polish analyser (decision 0031): the folded
    surface forms and lemmas of its words, space-separated (:func:`kierunek.cms.domain.index_text`).
    The title's tokens are kept apart so that a match in the title ranks first."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    title_tokens = models.TextField(default="")
    tokens = models.TextField(default="")
    published_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("search entry")

    def __str__(self) -> str:
        return f"search entry of page {self.page_id}"


class NewsAnnouncement(models.Model):
    """The newsletter issue that announced a news item: one per item, made at its first
    publication, so a republished correction is not mailed again."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    issue = models.ForeignKey("newsletter.Issue", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"announcement of page {self.page_id}"
