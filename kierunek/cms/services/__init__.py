"""Every change of the public portal's own records, one module per subject: the reports of an
inaccessible element, the search index, and the announcement of published news to the
newsletter. Pages themselves are edited, moderated and published in Wagtail (decision 0031)."""

from .announcements import news_announce
from .reports import (
    ReportData,
    report_answer,
    report_extend,
    report_offer_alternative,
    report_read,
    report_submit,
)
from .search import page_index, page_unindex, search_reindex

__all__ = [
    "ReportData",
    "news_announce",
    "page_index",
    "page_unindex",
    "report_answer",
    "report_extend",
    "report_offer_alternative",
    "report_read",
    "report_submit",
    "search_reindex",
]
