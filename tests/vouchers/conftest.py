import pytest

from tests.reference_data import load_reference_data


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Transactional tests run in a database that Django empties after each of them."""
    load_reference_data()
