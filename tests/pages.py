"""Reading pages in tests: the text of a response, and whether it shows a message."""

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext


def text(response) -> str:
    return response.content.decode()


def shows(response, msgid: str, **params: object) -> bool:
    """The page shows this message in the page's language (Polish once translated), escaped as in
    HTML."""
    with translation.override("pl"):
        message = gettext(msgid) % params if params else gettext(msgid)
    return escape(message) in text(response)
