"""The portal's pages render under /strony/ for anybody, with the sections and the statement."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_portal_and_its_sections_are_public(client, portal):
    response = client.get("/strony/")
    assert response.status_code == 200
    body = response.content.decode()
    for section in portal.sections.values():
        assert section.title in body
    for slug in portal.sections:
        assert client.get(f"/strony/{slug}/").status_code == 200


def test_the_accessibility_statement_has_the_prescribed_parts(client, portal):
    body = client.get("/strony/deklaracja-dostepnosci/").content.decode()
    for part in (
        "a11y-wstep",
        "a11y-status",
        "a11y-data-przeglad",
        "a11y-kontakt",
        "a11y-procedura",
        "a11y-architektura",
    ):
        assert f'id="{part}"' in body
    assert "2026-11-30" in body
    assert "/deklaracja-dostepnosci/zgloszenie/" in body
