"""Requests generated from the API's own OpenAPI document (/api/v1/openapi.json), sent to the WSGI
application in process: anonymously, and with a bearer token of each role. Every answer must be
no 5xx and must match the document: a status code it declares, its content type and body shape.

Bounded so CI runs it on both engines in a few minutes: anonymously every phase (the schema's
examples, the boundary and negative "coverage" cases such as NUL in text, then random cases);
with a token, random cases only, fewer of them. Derandomised, so a run is repeatable and a
failure reproduces. Select with ``-m fuzz``.

The data (a current programme, a participant with a plan, vouchers, an order, a booking at a
provider whose staff member holds a token, a settled booking in a payment batch) is built once for
the module, inside a transaction rolled back at the end; each test runs in a savepoint inside it,
so what a test's requests change is undone and the next test starts from the same data. Half of
the generated path parameters are replaced by the identifiers of that data, so the operations
answer with real objects and not only 404.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from kierunek.accounts.models import Role
from kierunek.accounts.services import api_token_create
from kierunek.core.actor import Actor
from kierunek.vouchers import services
from tests.accounts.factories import StaffUserFactory
from tests.vouchers import builders as b

SCHEMA_URL = "/api/v1/openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# hypothesis' own settings: no deadline (a loaded CI machine is slow), no example database (the
# run is derandomised anyway), no shrinking (a failing case is reported as found; the checks
# say what was wrong), and the health checks off because one token fixture serves all examples.
FUZZ_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": list(HealthCheck),
}

anonymous_schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)
anonymous_schema.config.generation.update(deterministic=True, max_examples=10)

token_schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)
token_schema.config.generation.update(deterministic=True, max_examples=4)
token_schema.config.phases.update(phases=["examples", "fuzzing"])

# Path parameter name -> the identifier of an object of the module's data; filled by ``tokens``.
KNOWN_IDS: dict[str, int] = {}


def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> st.SearchStrategy:
    known = {name: KNOWN_IDS[name] for name in path_parameters or {} if name in KNOWN_IDS}
    if not known:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, {**path_parameters, **known}])


anonymous_schema.hook(flatmap_path_parameters)
token_schema.hook(flatmap_path_parameters)


@pytest.fixture(scope="module", autouse=True)
def _connection_kept_across_requests() -> Iterator[None]:
    """Django closes the database connection when a request starts and ends (with it the test's
    transaction, on PostgreSQL); its test client turns that off, and so must a WSGI client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(
    _connection_kept_across_requests: None, django_db_setup, django_db_blocker
) -> Iterator[dict[str, str]]:
    """A bearer token for each role, the people behind them owning some data to act on."""
    with django_db_blocker.unblock(), transaction.atomic():
        participant = b.participant_with_plan()
        booking = b.book(b.issued_account(participant))
        settled = b.confirmed_and_evaluated(b.book(b.issued_account()))
        b.settle(settled)
        batch = services.batch_build(
            programme_id=booking.voucher_account.programme_id,
            actor=Actor.of(b.operator()),
            idempotency_key=b.key("batch"),
        )
        assert batch is not None
        KNOWN_IDS.update(
            booking_id=booking.pk,
            card_id=booking.card_id,
            order_id=booking.voucher_account.order_id,
            provider_id=booking.provider_id,
            batch_id=batch.pk,
        )
        people = {
            Role.PARTICIPANT: participant,
            Role.PROVIDER_STAFF: b.staff_of(booking),
            Role.FINANCIAL_OPERATOR: b.operator(),
            Role.OFFICER: b.officer(),
        }
        for role in Role:
            people.setdefault(role, StaffUserFactory(role=role))
        yield {role: api_token_create(user=user, name="fuzz").secret for role, user in people.items()}
        transaction.set_rollback(True)


@pytest.mark.fuzz
@pytest.mark.django_db
@anonymous_schema.parametrize()
@settings(max_examples=10, **FUZZ_SETTINGS)
def test_anonymous_requests_get_a_documented_answer(case, tokens):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
@token_schema.parametrize()
@settings(max_examples=4, **FUZZ_SETTINGS)
def test_requests_with_a_token_of_each_role_get_a_documented_answer(case, role, tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, checks=CHECKS)
