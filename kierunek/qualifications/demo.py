"""Demo register: the thirty qualifications of fixtures/demo_register.json (a file in the import's
JSON shape, so it also shows the office what an import looks like), with names like those of the
Integrated Qualifications Register but marked ``demo`` and coded DEMO-nn, so that nobody takes them
for entries of the ZRK. Entered as the system through the import's checks and write. Then the
catalogue's demo exams "Walidacja kwalifikacji rynkowej" are linked to some of them, so that a
qualification's page lists services and the catalogue's filter finds them. A second run adds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import transaction

from kierunek.catalogue.models import ServiceCard
from kierunek.catalogue.services import card_qualification_link
from kierunek.core.actor import SYSTEM

from . import services
from .importexport import row_to_input
from .models import Qualification, QualificationChange

DEMO_FILE = Path(__file__).parent / "fixtures" / "demo_register.json"
# The demo qualifications the catalogue's validation exams lead to, in turn.
LINKED = ("DEMO-01", "DEMO-02", "DEMO-03", "DEMO-06", "DEMO-08", "DEMO-21")
LINKED_TITLE = "Walidacja kwalifikacji rynkowej"


def demo_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return rows


def planned(size: str) -> int:
    return len(demo_rows())


def seed(*, size: str) -> Iterator[str]:
    existing = set(Qualification.objects.values_list("code", flat=True))
    for row in demo_rows():
        if row["code"] not in existing:
            data, problems = row_to_input(row)
            if data is None:
                raise ValueError(f"demo qualification {row['code']}: {problems}")
            services.qualification_check(data)
            with transaction.atomic():
                services.qualification_write(actor=SYSTEM, data=data, how=QualificationChange.How.IMPORTED)
        yield "qualification"
    cards = ServiceCard.objects.filter(title=LINKED_TITLE, service_type="exam", qualification_code="")
    for number, card_id in enumerate(cards.order_by("pk").values_list("pk", flat=True)):
        card_qualification_link(card_id=card_id, code=LINKED[number % len(LINKED)])
