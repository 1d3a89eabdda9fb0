"""A document of the portal is served to the public only while a live public page uses it; before
that (a draft's file) only the editors who may see it get it, and others get 404."""

import pytest

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.cms.builders import PDF, document, news

pytestmark = pytest.mark.django_db


def _url(doc) -> str:
    return f"/dokumenty/{doc.pk}/{doc.filename}"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def draft_with_file(portal, files_on_disk):
    doc = document(title="Program posiedzenia")
    page = news(
        portal.sections["mpku"],
        title="Posiedzenie Rady Partnerów",
        files=[("document", {"document": doc, "title": "Program"})],
        publish=False,
    )
    return page, doc


def test_a_drafts_file_is_not_served_to_the_public_until_the_page_is_published(
    draft_with_file, client, django_capture_on_commit_callbacks
):
    page, doc = draft_with_file
    assert client.get(_url(doc)).status_code == 404

    # Wagtail updates its reference index after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    response = client.get(_url(doc))
    assert response.status_code == 200
    assert _body(response) == PDF

    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(_url(doc)).status_code == 404


def test_a_file_no_page_uses_is_not_served(portal, files_on_disk, client):
    assert client.get(_url(document(title="Luźny plik"))).status_code == 404


def test_editors_who_may_see_the_file_get_it_others_do_not(draft_with_file, client_for):
    _page, doc = draft_with_file
    office = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=office, section_slug="program")
    investors_editor = StaffUserFactory(role=Role.PARTNER_STAFF)
    editor_join(user=investors_editor, section_slug="inwestorzy")

    response = client_for(office).get(_url(doc))
    assert response.status_code == 200
    assert _body(response) == PDF
    # The file lies in the root collection: a partnership's editors see only their section's.
    assert client_for(investors_editor).get(_url(doc)).status_code == 404
    assert client_for(ParticipantFactory()).get(_url(doc)).status_code == 404
    assert client_for(StaffUserFactory(role=Role.ADVISOR)).get(_url(doc)).status_code == 404
