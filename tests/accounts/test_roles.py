"""Each role opens its own pages and endpoints, and no other role's."""

import pytest

from kierunek.accounts.domain import ROLE_SLUGS
from kierunek.accounts.models import Role
from kierunek.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLE_ONLY_PAGES = {f"/panel/{slug}/": role for role, slug in ROLE_SLUGS.items()} | {
    "/administracja/dziennik/": Role.ADMINISTRATOR,
    "/admin/": Role.ADMINISTRATOR,
}
ROLE_ONLY_ENDPOINTS = {"/api/v1/audit-events": Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_only_its_own_pages(client_as, role):
    client = client_as(role)
    events_before = AuditEvent.objects.count()
    for path, owner in ROLE_ONLY_PAGES.items():
        response = client.get(path)
        if owner == role:
            assert response.status_code == 200, path
        elif path.startswith("/admin/"):
            assert response.status_code == 302, path  # the admin site's own redirect first...
            assert client.get(response.url).status_code == 403, path  # ...then no access
        else:
            assert response.status_code == 403, f"{role} opened {path}"
    for path, owner in ROLE_ONLY_ENDPOINTS.items():
        response = client.get(path)
        assert response.status_code == (200 if owner == role else 403), f"{role} {path}"
    assert AuditEvent.objects.count() == events_before  # refused reads change nothing
