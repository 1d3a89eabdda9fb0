"""The dashboards the portal assembles: one per role, reached from /panel/."""

import pytest

from kierunek.accounts.domain import ROLE_SLUGS
from kierunek.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_dashboard_sends_each_role_to_its_own(client_as, role):
    client = client_as(role)
    assert client.get("/panel/").url == f"/panel/{ROLE_SLUGS[role]}/"


def test_unknown_role_page_is_404(client_as):
    client = client_as(Role.PARTICIPANT)
    assert client.get("/panel/nieistnieje/").status_code == 404
