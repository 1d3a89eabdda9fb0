"""The blocks editors compose pages of: rich text with headings, an image (its alternative text is
the image's own, required), a document to download, a question and answer, and the live blocks
that read the system (:mod:`kierunek.cms.live`) instead of figures typed into the text."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import live

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("File to download")
        template = "cms/blocks/document.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "cms/blocks/question.html"


class VoucherRulesBlock(blocks.StaticBlock):
    """The voucher's value and the packages in force today."""

    class Meta:
        icon = "table"
        label = _("Live: the voucher's value and the packages")
        admin_text = _("Shows the voucher's value and the packages as the rules in force give them.")
        template = "cms/blocks/voucher_rules.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["rules"] = live.voucher_rules()
        return context


class CurrentCallBlock(blocks.StaticBlock):
    """The dates of the programme taking applications now."""

    class Meta:
        icon = "date"
        label = _("Live: the current call's dates")
        admin_text = _("Shows the dates of the programme that takes applications now.")
        template = "cms/blocks/current_call.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["programme"] = live.current_call()
        return context


class NextEventsBlock(blocks.StructBlock):
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=10)

    class Meta:
        icon = "date"
        label = _("Live: the next events")
        template = "cms/blocks/next_events.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["events"] = live.next_events(count=value["count"])
        return context


class NewestServicesBlock(blocks.StructBlock):
    count = blocks.IntegerBlock(label=_("how many"), default=5, min_value=1, max_value=10)

    class Meta:
        icon = "list-ul"
        label = _("Live: the newest services of the catalogue")
        template = "cms/blocks/newest_services.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context)
        context["cards"] = live.newest_services(count=value["count"])
        return context


def body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)),
        ("image", ImageBlock()),
        ("document", DocumentBlock()),
        ("question", QuestionBlock()),
        ("voucher_rules", VoucherRulesBlock()),
        ("current_call", CurrentCallBlock()),
        ("next_events", NextEventsBlock()),
        ("newest_services", NewestServicesBlock()),
    ]


def gallery_blocks() -> list[tuple[str, blocks.Block]]:
    return [("image", ImageBlock())]


def file_blocks() -> list[tuple[str, blocks.Block]]:
    return [("document", DocumentBlock())]
