"""Every page that names the roles it serves (``role_required``) is refused to every other role: the
sweep resolves each URL the project serves, reads the roles its view allows, and requests it as a
person of each role it does not. A page whose role check is missing or wrong fails here. (Objects
of another person of the same role are each context's own tests: they need real objects.)"""

import pytest
from django.urls import resolve

from kierunek.accounts.models import Role
from tests.accounts.factories import ParticipantFactory
from tests.test_url_sweep import ALL_URLS


def _allowed_roles(path):
    view = resolve(path).func
    return getattr(view, "allowed_roles", None)


ROLE_PAGES = [(name, path, _allowed_roles(path)) for name, path in ALL_URLS if _allowed_roles(path)]


def test_the_sweep_finds_the_role_pages():
    assert len(ROLE_PAGES) > 40
    served = {role for _name, _path, roles in ROLE_PAGES for role in roles}
    assert served >= set(Role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_a_role_page_refuses_every_other_role(client, staff_client, role):
    if role == Role.PARTICIPANT:
        client.force_login(ParticipantFactory())
    else:
        client, _user = staff_client(role)
    refused = []
    for name, path, roles in ROLE_PAGES:
        if role in roles:
            continue
        response = client.get(path)
        if response.status_code != 403:
            refused.append(f"{name} {path}: {response.status_code}")
    assert refused == []
