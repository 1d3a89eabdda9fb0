"""A programme rule's first version, loaded by a data migration of the context that uses the rule
(the confirmation rule by vouchers, the complaints rule by complaints, …) into the programme of the
fixture (``fixtures/kierunek_kariera.json``). Migrations import this module: what it does must not
change once a migration uses it (a new behaviour is a new function).

    RULE = FirstRuleVersion(key="complaints", valid_from=date(2025, 1, 1), value={...},
                            decision_ref="Uchwała …", note="…")
    operations = [migrations.RunPython(RULE.load, RULE.unload)]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kierunek_kariera.json"


def fixture_programme_code() -> str:
    return str(json.loads(FIXTURE.read_text(encoding="utf-8"))["programme"]["code"])


@dataclass(frozen=True)
class FirstRuleVersion:
    key: str
    valid_from: date
    value: dict[str, Any]
    decision_ref: str
    note: str = ""
    # (app label, model, foreign key to the rule version): rows that applied the version keep it
    # when the migration is reversed.
    kept_if_used_by: tuple[tuple[str, str, str], ...] = ()

    def load(self, apps: Any, schema_editor: Any) -> None:
        """Add the version to the programme, if the programme is there (idempotent)."""
        programme = (
            apps.get_model("programmes", "Programme").objects.filter(code=fixture_programme_code()).first()
        )
        if programme is None:
            return
        apps.get_model("programmes", "RuleVersion").objects.get_or_create(
            programme=programme,
            key=self.key,
            valid_from=self.valid_from,
            defaults={"value": self.value, "decision_ref": self.decision_ref, "note": self.note},
        )

    def unload(self, apps: Any, schema_editor: Any) -> None:
        versions = apps.get_model("programmes", "RuleVersion").objects.filter(
            programme__code=fixture_programme_code(), key=self.key, valid_from=self.valid_from
        )
        for app_label, model, field in self.kept_if_used_by:
            used = apps.get_model(app_label, model).objects.filter(**{f"{field}__isnull": False})
            versions = versions.exclude(pk__in=used.values(f"{field}_id"))
        versions.delete()
