"""PDF documents (a development plan, a data export, a decision) built from plain text.

The fonts are DejaVu Sans, vendored in ``kierunek/core/fonts`` with their licence, so Polish
letters (ą ć ę ł ń ó ś ź ż) render and extract correctly and nothing is fetched at run time.
Callers pass text, never markup: every string is escaped before reportlab's paragraph parser
sees it, so a participant's "<b>" stays literal text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "KierunekSans"
FONT_BOLD = "KierunekSans-Bold"

Section = tuple[str, Sequence[str]]


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=4)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=8
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4
        ),
        "body": body,
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, leading=12, spaceAfter=0),
    }


def _text(value: str) -> str:
    """Escape for reportlab's mini-markup and keep the author's line breaks."""
    return escape(value).replace("\n", "<br/>")


def _qr_drawing(payload: str, size: float = 35 * mm) -> Drawing:
    """The QR code of ``payload`` (segno, as the tickets' codes) as vector squares, with its
    quiet zone: it scans from paper and stays sharp at any print size."""
    matrix = [list(row) for row in segno.make(payload, error="m").matrix_iter(border=4)]
    module = size / len(matrix)
    drawing = Drawing(size, size)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(
                    Rect(
                        x * module,
                        size - (y + 1) * module,
                        module,
                        module,
                        fillColor=colors.black,
                        strokeColor=None,
                    )
                )
    return drawing


def render_pdf(
    *,
    title: str,
    sections: Sequence[Section],
    meta: dict[str, str] | None = None,
    author: str = "Kierunek",
    qr: str = "",
) -> bytes:
    """Render an A4 document: a title, an optional table of facts (``meta``: label -> value), then
    each section as a heading followed by its paragraphs, and a QR code of ``qr`` (an address)
    last when it is given. Returns the PDF's bytes.

    The output is byte-for-byte reproducible for the same input (reportlab's invariant mode), so
    a document can be regenerated on demand instead of stored."""
    _register_fonts()
    styles = _styles()
    story: list[Any] = [Paragraph(_text(title), styles["title"])]
    if meta:
        rows = [
            [Paragraph(_text(label), styles["meta"]), Paragraph(_text(value), styles["meta"])]
            for label, value in meta.items()
        ]
        table = Table(rows, colWidths=[50 * mm, None], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ]
            )
        )
        story += [table, Spacer(1, 4 * mm)]
    for heading, paragraphs in sections:
        story.append(Paragraph(_text(heading), styles["heading"]))
        for paragraph in paragraphs:
            story.append(Paragraph(_text(paragraph), styles["body"]))
    if qr:
        story += [Spacer(1, 4 * mm), _qr_drawing(qr)]

    return _build(story, title=title, author=author)


def _build(story: list[Any], *, title: str, author: str) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=author,
        creator="Kierunek",
        lang="pl-PL",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        invariant=1,
    )

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


@dataclass(frozen=True)
class TableBlock:
    """A section of a report: its heading, a sentence that says what it shows, and rows of (label,
    value as text, bar length as a share of the longest, None for no bar)."""

    heading: str
    summary: str
    rows: Sequence[tuple[str, str, float | None]]


BAR_WIDTH = 60 * mm


def _bar(share: float | None) -> Drawing:
    drawing = Drawing(BAR_WIDTH, 4 * mm)
    if share:
        drawing.add(
            Rect(
                0, 0.5 * mm, BAR_WIDTH * share, 3 * mm, fillColor=colors.HexColor("#2b6cb0"), strokeColor=None
            )
        )
    return drawing


def render_tables_pdf(
    *, title: str, blocks: Sequence[TableBlock], meta: dict[str, str] | None = None, author: str = "Kierunek"
) -> bytes:
    """Render a report pack: a title, a table of facts, then each block as a heading, its summary
    and a table of its rows with a bar beside each value (the chart and its figures in one)."""
    _register_fonts()
    styles = _styles()
    story: list[Any] = [Paragraph(_text(title), styles["title"])]
    for label, value in (meta or {}).items():
        story.append(Paragraph(_text(f"{label}: {value}"), styles["meta"]))
    for block in blocks:
        story += [
            Paragraph(_text(block.heading), styles["heading"]),
            Paragraph(_text(block.summary), styles["body"]),
        ]
        if not block.rows:
            continue
        rows = [
            [Paragraph(_text(label), styles["meta"]), Paragraph(_text(value), styles["meta"]), _bar(share)]
            for label, value, share in block.rows
        ]
        table = Table(rows, colWidths=[60 * mm, 45 * mm, BAR_WIDTH + 2 * mm], hAlign="LEFT", repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ]
            )
        )
        story.append(table)
    return _build(story, title=title, author=author)
