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


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploads on a real disk: Wagtail serves a document from its file's path, which the tests'
    in-memory storage only pretends to have."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path
