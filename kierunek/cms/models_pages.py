"""The page types of the public portal (Wagtail pages under ``/strony/``):

- the portal's root (the programme's portal), with its sections as children;
- a section (the programme's guides/FAQ/calls/news, the MPKU, the investors' partnership, the
  Metropolis' Forum Edukacji), which lists its news per category and has its own editors (the
  page-tree permissions of its Wagtail groups, :mod:`kierunek.cms.editors`);
- a content page (a guide, a FAQ, a call, any page with files);
- a news item: author, dates of publication and last update (Wagtail's), categories and tags,
  gallery, files, and the newsletter topic its publication is announced to;
- the accessibility statement (:mod:`kierunek.cms.models_statement`)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import RICH_TEXT_FEATURES, body_blocks, file_blocks, gallery_blocks

NEWS_PER_PAGE = 10


@register_snippet
class NewsCategory(models.Model):
    """A category of news (a call, a meeting, a report...): data the editors keep."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self) -> str:
        return self.name


class PortalRootPage(Page):
    """The programme's portal: the root of the page tree, with the sections under it."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.SectionPage", "cms.ContentPage", "cms.AccessibilityStatementPage"]
    max_count = 1
    template = "cms/pages/portal_root.html"

    class Meta:
        verbose_name = _("portal home")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = SectionPage.objects.child_of(self).live().public()
        context["pages"] = ContentPage.objects.child_of(self).live().public()
        context["latest_news"] = NewsPage.objects.live().public().order_by("-first_published_at")[:5]
        return context


class SectionPage(Page):
    """A section with its own news, documents and editors."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)
    contact = models.TextField(
        _("contact"), blank=True, help_text=_("Shown at the foot of the section's pages.")
    )
    newsletter_topic = models.ForeignKey(
        "newsletter.Topic",
        verbose_name=_("newsletter topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section's news is announced to the subscribers of this topic when published."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("contact"),
        FieldPanel("newsletter_topic"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.PortalRootPage"]
    subpage_types = ["cms.ContentPage", "cms.NewsPage"]
    template = "cms/pages/section.html"

    class Meta:
        verbose_name = _("section")

    def news(self, category: str | None = None) -> Any:
        news = NewsPage.objects.child_of(self).live().public().order_by("-first_published_at", "-pk")
        if category:
            news = news.filter(categories__slug=category)
        return news.distinct()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("kategoria") or None
        categories = list(NewsCategory.objects.filter(newspage__in=self.news()).distinct())
        chosen = next((c for c in categories if c.slug == category), None)
        paginator = Paginator(self.news(chosen.slug if chosen else None), NEWS_PER_PAGE)
        context["news_page"] = paginator.get_page(request.GET.get("strona"))
        context["categories"] = categories
        context["category"] = chosen
        context["pages"] = ContentPage.objects.child_of(self).live().public()
        return context


class ContentKind(models.TextChoices):
    GUIDE = "guide", _("guide")
    FAQ = "faq", _("questions and answers")
    CALL = "call", _("call for applications")
    PAGE = "page", _("page")


class ContentPage(Page):
    """A guide, a FAQ, a call or any page of text with files."""

    kind = models.CharField(_("kind"), max_length=10, choices=ContentKind.choices, default=ContentKind.PAGE)
    author = models.CharField(_("author"), max_length=150, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(body_blocks(), verbose_name=_("content"))
    files = StreamField(file_blocks(), verbose_name=_("files to download"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("files"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.PortalRootPage", "cms.SectionPage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]
    template = "cms/pages/content.html"

    class Meta:
        verbose_name = _("content page")


class NewsTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(Page):
    """A news item of a section."""

    author = models.CharField(_("author"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    body = StreamField(body_blocks(), verbose_name=_("content"), blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("categories"), blank=True)
    tags = ClusterTaggableManager(through=NewsTag, verbose_name=_("tags"), blank=True)
    gallery = StreamField(gallery_blocks(), verbose_name=_("photo gallery"), blank=True)
    files = StreamField(file_blocks(), verbose_name=_("files to download"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], heading=_("categories and tags")),
        FieldPanel("gallery"),
        FieldPanel("files"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.SectionPage"]
    subpage_types: list[str] = []
    template = "cms/pages/news.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def section(self) -> SectionPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None else None
