"""The URL converter of the portal's page paths under ``/strony/``: slugs separated by slashes,
the last one's slash optional (Wagtail's own pattern, without an unnamed group)."""

from __future__ import annotations


class PagePathConverter:
    regex = r"(?:[\w\-]+/)*[\w\-]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
