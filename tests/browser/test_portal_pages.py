"""Every published page of the demo portal passes axe-core at desktop and phone width, with the
search, the report form and the office's list of reports."""

import pytest
from playwright.sync_api import Page
from wagtail.models import Page as WagtailPage

from kierunek.cms import demo
from kierunek.cms.models import AccessibilityReport

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def test_every_published_demo_page_is_accessible(page: Page):
    for _unit in demo.seed(size="small"):
        pass
    urls = [p.get_url_parts()[2] for p in WagtailPage.objects.live().public().specific() if p.depth > 1]
    urls += ["/szukaj-na-portalu/?q=bony", "/deklaracja-dostepnosci/zgloszenie/"]
    assert len(urls) > 15
    for width in (None, PHONE):
        if width:
            page.set_viewport_size(width)
        for url in urls:
            response = page.goto(url)
            assert response is not None, url
            assert response.status == 200, url
            assert_accessible(page)
    assert AccessibilityReport.objects.exists()
