"""Two participants book the same slot at the same moment, each in their own connection: exactly
one booking is made, the other gets a clear refusal: the slot's row lock makes the second wait and
then see the booking. PostgreSQL only: the test suite's SQLite database lives in shared-cache
memory, where a second writer fails at once instead of waiting (a file database, as deployed,
serialises writers with BEGIN IMMEDIATE)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kierunek.core.actor import Actor
from kierunek.guidance.models import Appointment
from kierunek.guidance.services import appointments as appointment_services
from tests.guidance.builders import advisor, eligible_participant, slot
from tests.reference_data import load_reference_data

# Not serialized_rollback: it would load the migrated rows again over the content types that the
# flush after another transactional test re-creates (a duplicate key, depending on the order the
# workers run tests in); the reference data is loaded below instead.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


@pytest.fixture(autouse=True)
def _reference_data():
    load_reference_data()


def test_a_slot_booked_at_the_same_moment_is_booked_once():
    free = slot(advisor())
    people = [eligible_participant(), eligible_participant()]
    start = threading.Barrier(len(people))
    outcomes: list[str] = []

    def book(person):
        try:
            start.wait()
            appointment_services.appointment_book(slot_id=free.pk, actor=Actor.of(person))
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["booked", "refused"]
    assert Appointment.objects.filter(slot=free, status="booked").count() == 1
