import pytest
from django.conf import settings


@pytest.fixture
def english(client):
    """Pages in English (the language switch's cookie): assertions on text then hold whether or
    not the Polish catalogue has the new messages yet."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def participant_client(english):
    from tests.accounts.factories import ParticipantFactory

    def _client(participant=None):
        participant = participant or ParticipantFactory()
        english.force_login(participant)
        return english, participant

    return _client


@pytest.fixture
def officer_client(english, staff_client):
    def _client():
        return staff_client("officer")

    return _client
