"""Fixtures of the quality-mark page tests: a client per person, a case with evidence."""

import pytest
from django.test import Client

from kierunek.accounts.models import Role
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    EvidenceFile,
)
from tests.quality.builders import World, case_in_state, pdf, standards

S = CaseState


@pytest.fixture
def client_for(login_staff):
    """A fresh client logged in (both factors) as ``user``; several people can act in one test."""

    def _client(user) -> Client:
        client = Client()
        if user.role == Role.PARTICIPANT:
            client.force_login(user)
            return client
        return login_staff(client, user)

    return _client


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
