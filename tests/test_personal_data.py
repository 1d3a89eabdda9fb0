"""A PESEL is shown only masked and never reaches a response body or a log line."""

import logging

import pytest

from kierunek.accounts.models import Role
from kierunek.core.pii import mask_pesel

pytestmark = pytest.mark.django_db

PESEL = "02270803624"


def test_pesel_never_appears_in_responses_or_logs(client, staff_client, caplog):
    caplog.set_level(logging.DEBUG)
    bodies = []
    registration = {
        "first_name": "Ewa",
        "last_name": "Zielińska",
        "email": "ewa@test.example",
        "pesel": PESEL,
        "password1": "Mocne-Haslo-2026",
        "password2": "Mocne-Haslo-2026",
        "accept_terms": "on",
    }
    # A failed attempt first: the form re-displays but must not echo the PESEL back.
    bodies.append(client.post("/rejestracja/", {**registration, "password2": "inne"}).content)
    bodies.append(client.post("/rejestracja/", registration, follow=True).content)
    dashboard = client.get("/panel/uczestnik/")
    bodies.append(dashboard.content)
    bodies.append(client.get("/api/v1/me").content)
    client.logout()
    admin_client, _admin = staff_client(Role.ADMINISTRATOR)
    bodies.append(admin_client.get("/administracja/dziennik/").content)
    bodies.append(admin_client.get("/admin/accounts/user/").content)
    bodies.append(admin_client.get("/api/v1/audit-events").content)

    assert mask_pesel(PESEL).encode() in dashboard.content
    for body in bodies:
        assert PESEL.encode() not in body
    for record in caplog.records:
        assert PESEL not in record.getMessage()


def test_the_log_handler_masks_a_pesel_that_slips_into_a_message(capsys):
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(type(f).__name__ == "PeselRedactingFilter" for f in h.filters)
    )
    record = logging.LogRecord("kierunek", logging.ERROR, __file__, 1, "lookup failed for %s", (PESEL,), None)
    for log_filter in handler.filters:
        log_filter.filter(record)  # type: ignore[union-attr]
    line = handler.format(record)
    assert PESEL not in line
    assert mask_pesel(PESEL) in line
