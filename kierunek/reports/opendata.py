"""The open data: every public indicator for the last closed quarter and the last closed year (and
the year so far), each as CSV and JSON with a metadata file, from
:func:`kierunek.reports.selectors.indicator_table` (the numbers of the reports page), replaced in
one transaction by :func:`opendata_refresh`.

The metadata follows the fields the national open-data portal (dane.gov.pl, DCAT-AP PL) asks of a
resource: title, description, the columns with their types and units, the period (temporal
coverage), the licence, the publisher and source, and when it was modified."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from kierunek.core.exports import csv_bytes
from kierunek.core.indicators import Indicator, figures_reused

from .domain import PeriodChoice, period_last_closed, period_parse
from .models import OpenDataFile
from .selectors import indicator_table, public_indicators, threshold

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/legalcode.pl"
PUBLISHER = "Wojewódzki Urząd Pracy w Krakowie (program Kierunek)"


def periods_published(today: date) -> list[PeriodChoice]:
    quarter = period_last_closed(today, unit="quarter")
    year = period_parse(str(today.year - 1))
    so_far = period_parse(str(today.year))
    return [p for p in (quarter, year, so_far) if p is not None]


def _tables(indicator: Indicator, period: PeriodChoice) -> list[dict[str, Any]]:
    """The indicator's total and every breakdown of it, as records."""
    records = []
    for breakdown in (None, *indicator.breakdowns):
        table = indicator_table(indicator, period, breakdown)
        if breakdown is None:
            records.append(
                {
                    "breakdown": "",
                    "group": "",
                    "label": "",
                    "value": table.total,
                    "suppressed": bool(table.total_hidden),
                }
            )
            continue
        records += [
            {
                "breakdown": str(breakdown),
                "group": row.key,
                "label": row.label,
                "value": row.value,
                "suppressed": row.hidden is not None,
            }
            for row in table.rows
        ]
    return records


COLUMNS = [
    ("indicator", "string", "klucz wskaźnika"),
    ("period", "string", "okres: rok (2026), kwartał (2026-Q3)"),
    ("breakdown", "string", "wymiar podziału; pusty: ogółem"),
    ("group", "string", "kod grupy (np. TERYT powiatu)"),
    ("label", "string", "nazwa grupy"),
    ("value", "integer", "wartość; pusta, gdy utajniona"),
    (
        "unit",
        "string",
        "jednostka: people, vouchers, bookings, grosze (1/100 zł), days, count (liczba spotkań, produktów, "
        "dobrych praktyk), per_thousand_x10 (na 1 000 dorosłych mieszkańców, w dziesiątych częściach: "
        "123 to 12,3), percent_x10 (procent w dziesiątych częściach)",
    ),
    ("suppressed", "boolean", "utajniona (mniej niż próg osób lub ujawniłaby inną komórkę)"),
]


def _metadata(indicator: Indicator, period: PeriodChoice, now: datetime, name: str) -> dict[str, Any]:
    return {
        "title": f"{indicator.name} — {period.key}",
        "description": str(indicator.definition),
        "identifier": name,
        "source": str(indicator.source),
        "publisher": PUBLISHER,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "temporal": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "modified": now.isoformat(),
        "unit": str(indicator.unit),
        "disclosure_threshold": threshold(),
        "columns": [{"name": n, "type": t, "description": d} for n, t, d in COLUMNS],
        "formats": ["text/csv", "application/json"],
    }


@transaction.atomic
def opendata_refresh(*, today: date | None = None) -> int:
    """Write every file again (in Polish); the number of files written."""
    today = today or timezone.localdate()
    now = timezone.now()
    files: list[OpenDataFile] = []
    shown = public_indicators()
    with translation.override("pl"), figures_reused(indicator.key for indicator in shown):
        for indicator in shown:
            for period in periods_published(today):
                records = _tables(indicator, period)
                stem = f"{indicator.key.replace('.', '-')}_{period.key}"
                rows = [[name for name, _type, _description in COLUMNS]] + [
                    [
                        indicator.key,
                        period.key,
                        r["breakdown"],
                        r["group"],
                        r["label"],
                        "" if r["value"] is None else r["value"],
                        str(indicator.unit),
                        "true" if r["suppressed"] else "false",
                    ]
                    for r in records
                ]
                data = [
                    {"indicator": indicator.key, "period": period.key, "unit": str(indicator.unit), **r}
                    for r in records
                ]
                for name, media_type, content in (
                    (f"{stem}.csv", "text/csv; charset=utf-8", csv_bytes(rows).decode("utf-8")),
                    (f"{stem}.json", "application/json", json.dumps(data, ensure_ascii=False, indent=1)),
                    (
                        f"{stem}.metadata.json",
                        "application/json",
                        json.dumps(_metadata(indicator, period, now, stem), ensure_ascii=False, indent=1),
                    ),
                ):
                    files.append(
                        OpenDataFile(
                            name=name,
                            media_type=media_type,
                            content=content,
                            indicator=indicator.key,
                            period=period.key,
                            generated_at=now,
                        )
                    )
        OpenDataFile.objects.all().delete()
        OpenDataFile.objects.bulk_create(files)
    return len(files)


__all__ = ["opendata_refresh", "periods_published"]
