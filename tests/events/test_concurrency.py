"""Never overbooked: 500 people register at once for 300 seats, from 50 clients at the same
moment, each client in its own database connection: exactly 300 are confirmed and 200 wait, the
waiting list is in order, and the event's counter equals the seats held.

PostgreSQL runs the scenario in this process (threads, one connection each, in a transactional
test; 50 clients, within the server's connection limit). SQLite cannot: the test suite's database
is shared-cache memory, where a second writer fails at once instead of waiting for the lock. There
the scenario runs in a subprocess on a file database, as deployed (WAL, BEGIN IMMEDIATE): a copy
of the migrated test database, made with SQLite's backup API (as tests/vouchers/services/
test_concurrency.py does)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.events import services
from kierunek.events.models import Event, Registration
from tests import races

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 500
SEATS = 300
CLIENTS = 50


def register_all_at_once(people: int = PEOPLE, seats: int = SEATS, clients: int = CLIENTS) -> dict:
    from .builders import event

    workshop = event(capacity=seats, title="Konferencja: Małopolska otwarta na wiedzę", kind="conference")
    users = User.objects.bulk_create(
        User(email=f"tlum{n}@test.example", first_name="Anna", last_name=f"Tłum{n}", role=Role.PARTICIPANT)
        for n in range(people)
    )
    users = list(User.objects.filter(email__startswith="tlum").order_by("pk"))
    start = threading.Barrier(clients)
    outcomes: list[str] = []
    lock = threading.Lock()

    def client(share: list[User]) -> None:
        try:
            start.wait()
            for user in share:
                try:
                    registration = services.registration_create(actor=Actor.of(user), event_id=workshop.pk)
                    result = registration.status
                except ValidationError as error:
                    result = f"refused: {' '.join(error.messages)}"
                except Exception as error:
                    result = f"error: {type(error).__name__}: {error}"
                with lock:
                    outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(users[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    workshop = Event.objects.get(pk=workshop.pk)
    registrations = Registration.objects.filter(event=workshop)
    waiting = list(
        registrations.filter(status="waiting").order_by("waiting_since", "pk").values_list("pk", flat=True)
    )
    return {
        "outcomes": {o: outcomes.count(o) for o in set(outcomes)},
        "confirmed": registrations.filter(status="confirmed").count(),
        "waiting": len(waiting),
        "waiting_in_order": waiting == sorted(waiting),
        "seats_taken": workshop.seats_taken,
        "registrations": registrations.count(),
        "people": registrations.values("person").distinct().count(),
    }


SCENARIOS = {"register_all_at_once": register_all_at_once}


@pytest.fixture(scope="module")
def sqlite_file_results(django_db_setup, django_db_blocker, tmp_path_factory) -> dict:
    """The scenarios run on a file copy of the migrated test database, in a subprocess."""
    return races.sqlite_file_results(
        "tests.events.test_concurrency",
        django_db_blocker=django_db_blocker,
        folder=tmp_path_factory.mktemp("events-race"),
        timeout=900,
    )


@pytest.fixture
def scenario(request):
    """Run a scenario: in this process on PostgreSQL, in the SQLite file subprocess otherwise."""
    return races.scenario_runner(request, SCENARIOS)


@pytest.mark.django_db(transaction=True)
def test_500_people_at_once_for_300_seats_give_300_confirmed_and_200_waiting(scenario):
    result = scenario("register_all_at_once")

    assert result["outcomes"] == {"confirmed": SEATS, "waiting": PEOPLE - SEATS}, result["outcomes"]
    assert result["confirmed"] == SEATS == result["seats_taken"]
    assert result["waiting"] == PEOPLE - SEATS
    assert result["registrations"] == result["people"] == PEOPLE
    assert result["waiting_in_order"]
