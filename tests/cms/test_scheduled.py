"""Scheduled publication: a revision approved to go live later stays unpublished until the
scheduler's ``publish_scheduled`` run after its time; then it is live and found by the search."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from kierunek.cms import selectors
from tests.cms.builders import news

pytestmark = pytest.mark.django_db


def test_a_scheduled_news_item_goes_live_when_its_time_comes(portal):
    page = news(portal.sections["program"], title="Nabór uzupełniający na bony", publish=False)
    go_live = timezone.now() + timedelta(hours=2)
    page.go_live_at = go_live
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert page.status_string == "scheduled"
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert selectors.pages_search(text="nabór uzupełniający") == []
    # The time comes: the clock moves two hours on (the revision's times move back instead).
    revision.refresh_from_db()
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=revision.content)
    type(page).objects.filter(pk=page.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert [p.pk for p in selectors.pages_search(text="nabór uzupełniający")] == [page.pk]


def test_a_page_expires_at_its_time(portal):
    page = news(portal.sections["program"], title="Ogłoszenie ważne do piątku")
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert page.expired
