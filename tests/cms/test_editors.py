"""Editors per section: the office publishes anywhere; a partner's editor changes only their own
section and cannot publish: their page goes to the office's approval (the moderation workflow).
The project's role is the first gate of the CMS admin."""

import pytest
from wagtail.models import WorkflowState

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from tests.cms.builders import news

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(portal, staff_client, client_for):
    from tests.accounts.factories import StaffUserFactory

    officer = StaffUserFactory(role=Role.OFFICER)
    partner = StaffUserFactory(role=Role.PARTNER_STAFF)
    editor_join(user=officer, section_slug="program")
    editor_join(user=partner, section_slug="mpku")
    return officer, partner


def test_a_partner_editor_edits_only_their_section_and_never_publishes(portal, editors):
    officer, partner = editors
    mpku, investors = portal.sections["mpku"], portal.sections["inwestorzy"]
    own = mpku.permissions_for_user(partner)
    assert own.can_add_subpage()
    assert own.can_edit()
    assert not own.can_publish()
    assert not own.can_publish_subpage()
    other = investors.permissions_for_user(partner)
    assert not other.can_add_subpage()
    assert not other.can_edit()
    assert not portal.root.permissions_for_user(partner).can_edit()
    office = investors.permissions_for_user(officer)
    assert office.can_publish()
    assert office.can_add_subpage()


def test_the_role_must_match_the_section(portal, editors):
    from django.core.exceptions import ValidationError

    officer, partner = editors
    with pytest.raises(ValidationError):
        editor_join(user=partner, section_slug="program")
    with pytest.raises(ValidationError):
        editor_join(user=officer, section_slug="forum-edukacji")


def test_a_partners_news_goes_through_the_offices_approval(portal, editors, client_for):
    officer, partner = editors
    mpku = portal.sections["mpku"]
    page = news(mpku, user=partner, publish=False)
    partner_client = client_for(partner)
    # Publishing from the editor is not open to the partner: the page stays a draft.
    edit_url = f"/cms-admin/pages/{page.pk}/edit/"
    assert partner_client.get(edit_url).status_code == 200
    partner_client.post(
        edit_url,
        {
            "title": page.title,
            "slug": page.slug,
            "author": page.author,
            "summary": page.summary,
            "body-count": "0",
            "gallery-count": "0",
            "files-count": "0",
            "action-publish": "action-publish",
        },
    )
    page.refresh_from_db()
    assert not page.live
    # In another section the partner cannot even open the editor.
    other = news(portal.sections["inwestorzy"], user=officer, title="Spotkanie rady inwestorów")
    assert partner_client.get(f"/cms-admin/pages/{other.pk}/edit/").status_code in (302, 403)
    # Submitted, it waits in the moderation workflow of the section.
    workflow = page.get_workflow()
    assert workflow is not None
    assert workflow.name == "Moderacja przed publikacją"
    state = workflow.start(page, partner)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.PROVIDER_STAFF, Role.ADVISOR])
def test_other_roles_never_enter_the_cms_admin(role, client_for, portal):
    from tests.accounts.factories import ParticipantFactory, StaffUserFactory

    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    assert client_for(user).get("/cms-admin/").status_code == 403


def test_anonymous_people_are_sent_to_the_one_login(client):
    response = client.get("/cms-admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/logowanie/")
