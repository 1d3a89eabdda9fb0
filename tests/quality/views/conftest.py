"""Fixtures of the quality-mark page tests: a client per person, a case with evidence."""

import pytest

from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    EvidenceFile,
)
from tests.quality.builders import World, case_in_state, pdf, standards

S = CaseState


@pytest.fixture
def world_with_evidence() -> tuple[World, EvidenceFile]:
    world = case_in_state(S.AUDIT_REPORTED)
    evidence = EvidenceFile.objects.create(
        case=world.case,
        standard=standards()[0],
        file=pdf("x.pdf"),
        file_kind="pdf",
        original_name="Regulamin.pdf",
        uploaded_by=world.staff,
    )
    return world, evidence
