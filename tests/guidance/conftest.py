import pytest
from django.utils import translation


@pytest.fixture
def advisor_client(english, staff_client):
    """A client logged in with both factors as a new advisor."""

    def _client():
        return staff_client("advisor")

    return _client


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Services' messages in English, the source language, so that assertions on them hold
    whatever the Polish catalogue says. (Pages choose their language per request; PDFs and
    e-mails are always rendered in Polish.)"""
    with translation.override("en"):
        yield
