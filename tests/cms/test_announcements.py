"""A news item's first publication is announced to its section's newsletter topic through the
newsletter's services, once; a correction published later is not mailed again."""

import pytest

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from kierunek.cms.models import NewsAnnouncement, SectionPage
from kierunek.newsletter.models import Issue, IssueStatus, Topic
from tests.accounts.factories import StaffUserFactory
from tests.cms.builders import news

pytestmark = pytest.mark.django_db


def test_the_first_publication_is_announced_once(portal, django_capture_on_commit_callbacks):
    topic = Topic.objects.create(slug="partnerstwo-test", name="Wieści z partnerstwa")
    section = SectionPage.objects.get(pk=portal.sections["mpku"].pk)
    section.newsletter_topic = topic
    section.save_revision().publish()
    officer = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=officer, section_slug="program")
    with django_capture_on_commit_callbacks(execute=True):
        page = news(section, title="Posiedzenie Rady MPKU", user=officer)
    announcement = NewsAnnouncement.objects.get(page_id=page.pk)
    issue = announcement.issue
    assert issue.subject == "Posiedzenie Rady MPKU"
    assert list(issue.topics.all()) == [topic]
    assert issue.status in {IssueStatus.SENDING, IssueStatus.SENT}
    assert "/strony/mpku/posiedzenie-rady-mpku/" in issue.body
    with django_capture_on_commit_callbacks(execute=True):
        page.summary = "Poprawka"
        page.save_revision(user=officer).publish(user=officer)
    assert Issue.objects.count() == 1


def test_a_section_without_a_topic_announces_nothing(portal, django_capture_on_commit_callbacks):
    officer = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=officer, section_slug="program")
    with django_capture_on_commit_callbacks(execute=True):
        news(portal.sections["inwestorzy"], user=officer)
    assert not Issue.objects.exists()
