import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _services_speak_english():
    """A service's refusal is matched by its English text here; pages choose their own language."""
    with translation.override("en"):
        yield
