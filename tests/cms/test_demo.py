"""The demo gives every section pages, news with categories, files and photos, editors, a news
item waiting for the office's approval and reports to answer; a second run adds nothing."""

import pytest
from wagtail.documents.models import Document
from wagtail.models import WorkflowState

from kierunek.accounts import demo as accounts_demo
from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.cms import demo
from kierunek.cms.models import AccessibilityReport, CmsImage, ContentPage, NewsPage, SectionPage
from kierunek.newsletter.models import Topic

pytestmark = pytest.mark.django_db


def _run() -> None:
    for _unit in demo.seed(size="small"):
        pass


def test_the_demo_fills_every_section():
    for _unit in accounts_demo.seed(size="small"):
        pass
    for slug in ("bony", "partnerstwo", "edukacja"):
        Topic.objects.create(slug=slug, name=slug)
    _run()
    counts = (
        NewsPage.objects.count(),
        ContentPage.objects.count(),
        CmsImage.objects.count(),
        Document.objects.count(),
    )
    _run()
    assert (
        NewsPage.objects.count(),
        ContentPage.objects.count(),
        CmsImage.objects.count(),
        Document.objects.count(),
    ) == counts
    for section in SectionPage.objects.all():
        news = NewsPage.objects.child_of(section).live()
        assert news.exists(), section.title
        assert any(n.categories.exists() for n in news)
        assert section.newsletter_topic_id is not None
    assert all(image.alt_text for image in CmsImage.objects.all())
    assert any(len(n.gallery) == 3 and len(n.files) == 1 for n in NewsPage.objects.live())
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).get()
    assert waiting.requested_by.email == demo_email(Role.PARTNER_STAFF)
    assert AccessibilityReport.objects.count() == 2
    officer = User.objects.get(email=demo_email(Role.OFFICER))
    assert officer.groups.filter(name="Redakcja biura programu").exists()
    metropolis = User.objects.get(email=demo_email(Role.METROPOLIS_STAFF))
    assert metropolis.groups.filter(name="Redakcja: Forum Edukacji").exists()
