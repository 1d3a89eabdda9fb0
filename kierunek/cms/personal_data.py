"""The portal in a person's data export: the reports of an inaccessible element they filed while
logged in (a report filed without an account names only the address given on the form).
Wagtail's own tables (pages, revisions, logs, workflow states, uploads) record the work of staff
editors, not people served, and are excluded with that reason."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import AccessibilityReport, ReportStatus

FIELDS = (
    "reference",
    "name",
    "email",
    "phone",
    "address",
    "description",
    "wanted",
    "status",
    "received_on",
    "due_on",
    "answer",
    "answered_at",
)


def reports_of(*, user: User) -> list[dict[str, Any]]:
    return [
        field_values(r, *FIELDS) for r in AccessibilityReport.objects.filter(reporter=user).order_by("pk")
    ]


def report_rows(*, user: User) -> list[Model]:
    return list(AccessibilityReport.objects.filter(reporter=user))


EDITORS_REASON = (
    "the CMS's pages, revisions, logs, workflow states, images and documents record the work of staff "
    "editors of the public portal, not a person served by the programme"
)


def personal_data_register() -> None:
    """Called from ``CmsConfig.ready()``."""
    personal_data.register(
        "cms_accessibility_reports",
        title=_("Reports of inaccessible elements of the portal"),
        collect=reports_of,
        models=["cms.AccessibilityReport"],
        choices={"status": dict(ReportStatus.choices)},
        order=85,
    )
    personal_data.register_owned_rows(report_rows)
    personal_data.exclude_package("wagtail.", reason=EDITORS_REASON)
    personal_data.exclude_package("taggit.", reason=EDITORS_REASON)
    for model in (
        "cms.CmsImage",
        "cms.CmsRendition",
        "cms.PortalRootPage",
        "cms.SectionPage",
        "cms.ContentPage",
        "cms.NewsPage",
        "cms.AccessibilityStatementPage",
        "cms.NewsTag",
        "cms.SearchEntry",
        "cms.NewsAnnouncement",
    ):
        personal_data.exclude(model, reason=EDITORS_REASON)
