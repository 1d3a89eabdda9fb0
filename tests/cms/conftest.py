import pytest
from django.utils import translation

from kierunek.cms.tree import portal_tree_ensure


@pytest.fixture(autouse=True)
def _services_speak_english():
    """A service's refusal is matched by its English text here (the message id)."""
    with translation.override("en"):
        yield


@pytest.fixture
def portal(db):
    return portal_tree_ensure()
