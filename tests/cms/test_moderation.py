"""The moderation step through the CMS admin, as the editors click it: a partner's editor submits
a news item, which stays unpublished; the office's moderator approves it, which publishes it."""

import pytest
from wagtail.models import WorkflowState

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from kierunek.cms.models import NewsPage
from tests.accounts.factories import StaffUserFactory
from tests.cms.builders import news

pytestmark = pytest.mark.django_db


def _form(page: NewsPage, action: str) -> dict[str, str]:
    return {
        "title": page.title,
        "slug": page.slug,
        "author": page.author,
        "summary": page.summary,
        "body-count": "0",
        "gallery-count": "0",
        "files-count": "0",
        action: action,
    }


def test_a_partners_submission_waits_and_the_moderators_approval_publishes(portal, client_for):
    officer = StaffUserFactory(role=Role.OFFICER)
    partner = StaffUserFactory(role=Role.PARTNER_STAFF)
    editor_join(user=officer, section_slug="program")
    editor_join(user=partner, section_slug="mpku")
    page = news(portal.sections["mpku"], user=partner, title="Nabór do grup roboczych", publish=False)

    response = client_for(partner).post(f"/cms-admin/pages/{page.pk}/edit/", _form(page, "action-submit"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == partner
    task_state = state.current_task_state

    # The partner cannot approve their own submission: only the office's group is the task's.
    refused = client_for(partner).post(
        f"/cms-admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert refused.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live

    moderator = client_for(officer)
    response = moderator.post(
        f"/cms-admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Zgoda."}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live_revision.approved_go_live_at is None
    assert page.get_latest_revision().user == partner
