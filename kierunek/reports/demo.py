"""Demo open data: the files published from the demo's figures, as the nightly refresh would."""

from __future__ import annotations

from collections.abc import Iterator

from .models import OpenDataFile
from .opendata import opendata_refresh


def planned(size: str) -> int:
    return 1


def seed(*, size: str) -> Iterator[str]:
    if not OpenDataFile.objects.exists():
        opendata_refresh()
    yield "open data"
