import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Services' messages in English, the source language, so that assertions on them hold
    whatever the Polish catalogue says (pages choose their language per request)."""
    with translation.override("en"):
        yield
