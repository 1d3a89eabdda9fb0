"""What the quality-mark page tests share: the text of a page, and whether it shows a message."""

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext


def text(response) -> str:
    return response.content.decode()


def shows(response, msgid: str, **params: object) -> bool:
    """The page shows this message (in the language the page is in, escaped as in HTML)."""
    with translation.override("pl"):
        message = gettext(msgid) % params if params else gettext(msgid)
        return escape(message) in text(response)
