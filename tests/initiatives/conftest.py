import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _services_speak_english():
    """A service's refusal is matched by its English text here (the message id), whether or not
    the Polish catalogue has it yet; pages choose their own language per request."""
    with translation.override("en"):
        yield
