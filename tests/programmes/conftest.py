import pytest


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
