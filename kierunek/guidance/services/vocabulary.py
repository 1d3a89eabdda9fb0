"""The office's own entries of the competence and occupation vocabulary (next to ESCO's)."""

from __future__ import annotations

import uuid

from django.db import transaction

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.geo.domain import search_key

from ..audit_actions import GUIDANCE_VOCABULARY_COMPETENCE_SAVED, GUIDANCE_VOCABULARY_OCCUPATION_SAVED
from ..models import Competence, CompetenceSource, Occupation


def vocabulary_search_key(*, label: str, alt_labels: str) -> str:
    """The folded text the advisor's search matches (as the ESCO migration computes it)."""
    return search_key(" ".join([label, *alt_labels.splitlines()]))


def vocabulary_entry_save(*, entry: Competence | Occupation, actor: Actor) -> None:
    """Save an entry of the vocabulary from the admin site. ESCO entries keep their URI and
    labels (they come from the classification); the office's own get a ``urn:kierunek:`` URI."""
    require_role(actor, Role.ADMINISTRATOR, Role.OFFICER)
    kind = "competence" if isinstance(entry, Competence) else "occupation"
    with transaction.atomic():
        if entry.pk is None:
            entry.source = CompetenceSource.OFFICE
            if not entry.uri:
                entry.uri = f"urn:kierunek:{kind}:{uuid.uuid4()}"
        entry.search_key = vocabulary_search_key(label=entry.label, alt_labels=entry.alt_labels)
        entry.save()
        action = (
            GUIDANCE_VOCABULARY_COMPETENCE_SAVED
            if kind == "competence"
            else GUIDANCE_VOCABULARY_OCCUPATION_SAVED
        )
        audit_record(action=action, actor=actor, obj=entry)
