"""A busy database answers 503 with Retry-After and a message, never 500: tested against a real
lock that another connection holds on a file database, the way a long write would hold it."""

import sqlite3

import pytest
from django.db import OperationalError, connection
from django.test import Client

from kierunek.accounts.models import Role
from kierunek.core.busy import RETRY_AFTER_SECONDS, database_busy
from tests.accounts.factories import DEFAULT_PASSWORD, ParticipantFactory, StaffUserFactory
from tests.core.file_database import database_template, file_database, writer_holding_lock  # noqa: F401 - fixtures


@pytest.fixture
def locked(file_database):  # noqa: F811 - the fixture imported above
    """The test database in a file, and a function that takes its write lock from another
    connection (released at the end)."""
    holders: list[sqlite3.Connection] = []

    def lock() -> sqlite3.Connection:
        holders.append(writer_holding_lock(file_database))
        return holders[-1]

    yield lock
    for holder in holders:
        holder.close()


def assert_busy_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "Spróbuj ponownie" in page or "spróbuj ponownie" in page
    return page


def test_a_login_while_another_connection_writes_answers_503_then_succeeds(locked):
    participant = ParticipantFactory()
    client = Client()
    form = {"username": participant.email, "password": DEFAULT_PASSWORD}
    holder = locked()

    response = client.post("/logowanie/", form)

    page = assert_busy_page(response)
    assert 'href="/logowanie/"' in page  # the next step: back to the form
    holder.rollback()
    response = client.post("/logowanie/", form)
    assert response.status_code == 302
    assert client.get("/api/v1/me").json()["email"] == participant.email


def test_the_busy_page_speaks_english_when_chosen(locked):
    participant = ParticipantFactory()
    client = Client()
    client.cookies["django_language"] = "en"
    locked()

    response = client.post("/logowanie/", {"username": participant.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 503
    assert "try again in a few seconds" in response.content.decode()


def test_a_busy_database_after_the_view_answers_503(locked, login_staff):
    """The staff idle timeout touches the session on every request, and the session is saved after
    the view returned: Django's session middleware turns the database's error into a 400
    (SessionInterrupted), and the handlers, not the middleware, meet it."""
    officer = StaffUserFactory(role=Role.OFFICER)
    client = Client(raise_request_exception=False)
    login_staff(client, officer)
    locked()

    response = client.get("/panel/")

    assert_busy_page(response)


def test_the_api_answers_503_json_when_busy(locked):
    participant = ParticipantFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    client.get("/")
    token = client.cookies["csrftoken"].value
    locked()

    response = client.post(
        "/api/v1/vouchers/orders",
        {"package_id": 999_999},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json()["code"] == "database_busy"
    assert "spróbuj ponownie" in response.json()["detail"].lower()


def test_other_database_errors_are_not_called_busy(locked):
    with pytest.raises(OperationalError) as missing, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    holder = locked()
    with pytest.raises(OperationalError) as busy, connection.cursor() as cursor:
        cursor.execute("BEGIN IMMEDIATE")
    holder.rollback()

    assert not database_busy(missing.value)
    assert database_busy(busy.value)
    assert not database_busy(ValueError("database is locked"))


@pytest.mark.django_db
def test_a_postgresql_lock_timeout_answers_503():
    """On PostgreSQL a statement waits for a lock at most ``lock_timeout`` (20 s in the settings,
    300 ms here), then fails with SQLSTATE 55P03: another connection holds the session table."""
    if connection.vendor != "postgresql":
        pytest.skip("lock_timeout is PostgreSQL's")
    import psycopg  # here: only with PostgreSQL

    participant = ParticipantFactory()
    database = connection.settings_dict
    other = psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"] or None,
    )
    try:
        other.execute("LOCK TABLE django_session IN EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")

        response = Client().post("/logowanie/", {"username": participant.email, "password": DEFAULT_PASSWORD})
    finally:
        other.close()

    assert_busy_page(response)
