"""The accessibility statement (deklaracja dostępności) in the structure the 2019 act and the
minister's template prescribe, and the reports of an inaccessible element that reach the office
with the date their answer is due (:mod:`kierunek.cms.domain`)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from . import domain
from .blocks import RICH_TEXT_FEATURES


class Compliance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(Page):
    entity_name = models.CharField(_("public body"), max_length=200)
    website_published_on = models.DateField(_("website published on"))
    website_updated_on = models.DateField(_("website last significantly updated on"))
    compliance = models.CharField(_("compliance status"), max_length=10, choices=Compliance.choices)
    inaccessible_content = RichTextField(
        _("content that is not accessible"), features=RICH_TEXT_FEATURES, blank=True
    )
    exemptions = RichTextField(_("content exempted and why"), features=RICH_TEXT_FEATURES, blank=True)
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"))
    assessed_by = models.CharField(
        _("how the statement was prepared"),
        max_length=200,
        default="samoocena przeprowadzona przez podmiot publiczny",
    )
    keyboard_shortcuts = RichTextField(_("keyboard shortcuts"), features=RICH_TEXT_FEATURES, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    architectural = RichTextField(_("architectural accessibility"), features=RICH_TEXT_FEATURES)
    mobile_apps = RichTextField(_("mobile applications"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("entity_name"), FieldPanel("website_published_on"), FieldPanel("website_updated_on")],
            heading=_("The website"),
        ),
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("inaccessible_content"), FieldPanel("exemptions")],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [FieldPanel("prepared_on"), FieldPanel("reviewed_on"), FieldPanel("assessed_by")],
            heading=_("Preparing the statement"),
        ),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [FieldPanel("contact_person"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural"),
        FieldPanel("mobile_apps"),
    ]
    parent_page_types = ["cms.PortalRootPage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "cms/pages/accessibility_statement.html"

    class Meta:
        verbose_name = _("accessibility statement")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["answer_days"] = domain.ANSWER_DAYS
        context["extension_months"] = domain.EXTENSION_MONTHS
        return context


class ReportStatus(models.TextChoices):
    RECEIVED = domain.RECEIVED, _("received")
    EXTENDED = domain.EXTENDED, _("answer postponed")
    ANSWERED = domain.ANSWERED, _("answered")
    ALTERNATIVE_OFFERED = domain.ALTERNATIVE_OFFERED, _("alternative access offered")


def _reference() -> str:
    return f"DD-{secrets.token_hex(4).upper()}"


class AccessibilityReport(models.Model):
    """A report of an inaccessible element of the portal, or a request to make it accessible."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=_reference, editable=False
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accessibility_reports",
        verbose_name=_("account"),
    )
    address = models.CharField(_("address of the page or element"), max_length=500)
    description = models.TextField(_("what is not accessible"))
    wanted = models.TextField(_("how you would like to receive it"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    extension_reason = models.TextField(_("why the answer is postponed"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="cms_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("received_on")), name="cms_report_due_after_receipt"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[domain.RECEIVED, domain.EXTENDED]) | ~Q(answer=""),
                name="cms_report_closed_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in domain.OPEN
