"""The tables of the public portal, one module per subject (images, pages, the accessibility
statement and its reports, the search index)."""

from .models_index import NewsAnnouncement, SearchEntry
from .models_media import CmsImage, CmsRendition
from .models_pages import (
    ContentKind,
    ContentPage,
    NewsCategory,
    NewsPage,
    NewsTag,
    PortalRootPage,
    SectionPage,
)
from .models_statement import AccessibilityReport, AccessibilityStatementPage, Compliance, ReportStatus

__all__ = [
    "AccessibilityReport",
    "AccessibilityStatementPage",
    "CmsImage",
    "CmsRendition",
    "Compliance",
    "ContentKind",
    "ContentPage",
    "NewsAnnouncement",
    "NewsCategory",
    "NewsPage",
    "NewsTag",
    "PortalRootPage",
    "ReportStatus",
    "SearchEntry",
    "SectionPage",
]
