"""Pure rules of the newsletter: the states, how many messages one task sends, and how an issue's
plain text becomes HTML.

The office writes an issue as plain text with a little formatting, never HTML: every character is
escaped first, then only these marks make markup of the escaped text, so nothing the office types
can become a tag or an attribute::

    # Heading                  a heading (## a smaller one)
    - item                     a bulleted list (consecutive lines)
    **bold**  _italic_         emphasis inside a line
    https://...                a link (http and https only)
    a blank line               a new paragraph
"""

from __future__ import annotations

import html
import re

# Subscription states.
PENDING = "pending"
CONFIRMED = "confirmed"
UNSUBSCRIBED = "unsubscribed"

# Issue states.
DRAFT = "draft"
SCHEDULED = "scheduled"
SENDING = "sending"
SENT = "sent"

# How many messages one task of the worker sends before it hands on to the next task.
BATCH_SIZE = 200

# Found in the escaped text: a quote or a bracket (escaped as an entity) ends an address.
_LINK = re.compile(
    r"https?://(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s])*(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s.,;:!?)])"
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?![\w*])")


def _inline(line: str) -> str:
    """One escaped line with its emphasis and links. Links are found in the escaped text, so an
    address cannot close the attribute it is put in (quotes and brackets end it, and are escaped)."""
    text = html.escape(line, quote=True)
    text = _LINK.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _ITALIC.sub(r"<em>\1</em>", text)


def body_html(text: str) -> str:
    """The HTML of an issue's body (see the module's docstring for the marks)."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>\n".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>\n" + "\n".join(f"<li>{_inline(item)}</li>" for item in items) + "\n</ul>")
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("## "):
            close()
            blocks.append(f"<h3>{_inline(line[3:].strip())}</h3>")
        elif line.startswith("# "):
            close()
            blocks.append(f"<h2>{_inline(line[2:].strip())}</h2>")
        elif line.startswith(("- ", "* ")):
            if paragraph:
                close()
            items.append(line[2:].strip())
        else:
            if items:
                close()
            paragraph.append(line)
    close()
    return "\n".join(blocks)


def body_text(text: str) -> str:
    """The plain-text part of an issue: the text as written, without the emphasis marks."""
    plain = _BOLD.sub(r"\1", text.replace("\r\n", "\n"))
    return _ITALIC.sub(r"\1", plain).strip()


def normalised_email(address: str) -> str:
    """One subscriber per mailbox: the address as typed, trimmed, with its domain in lower case
    (the part before @ is the mail server's to interpret; nearly all fold it, and so do we, so that
    Anna@ and anna@ are one subscriber)."""
    return address.strip().lower()


def batches(total: int, size: int = BATCH_SIZE) -> int:
    """How many tasks send ``total`` messages."""
    return -(-total // size) if total > 0 else 0
