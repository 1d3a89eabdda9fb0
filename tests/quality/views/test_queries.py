"""The quality-mark lists do not query once per row."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kierunek.accounts.models import Role
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    AuditAssignment,
)
from tests.accounts.factories import StaffUserFactory
from tests.quality.builders import case_in_state
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


# --- queries -----------------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_officers_list_does_not_query_per_case(client_for):
    client = client_for(StaffUserFactory(role=OFFICER))
    for state in [S.AWAITING_AUDIT, S.GRANTED]:
        case_in_state(state)
    few = _queries(client, "/urzad/znak-jakosci/")
    for state in [S.AWAITING_AUDIT, S.GRANTED, S.AUDIT, S.REFUSED, S.EXPIRED, S.APPLICATION]:
        case_in_state(state)
    assert _queries(client, "/urzad/znak-jakosci/") == few


def test_the_auditors_list_does_not_query_per_assignment(client_for):
    auditor = AuditorFactory()
    client = client_for(auditor.user)

    def assign(state):
        world = case_in_state(state, declared=False)
        AuditAssignment.objects.filter(pk=world.assignment.pk).update(auditor=auditor)

    assign(S.AUDIT)
    few = _queries(client, "/audytor/audyty/")
    for state in [S.AUDIT, S.AUDIT, S.GRANTED]:
        assign(state)
    assert _queries(client, "/audytor/audyty/") == few
