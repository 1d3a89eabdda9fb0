"""The portal's news in a real browser, as the issue tells it: a partnership's editor uploads a file
and drafts a news item with it in the CMS admin, and submits it to the moderation; the office's
editor approves it, which publishes it; a resident finds it in the portal's search and downloads
the file. axe-core checks the public pages at desktop and phone width (the admin is Wagtail's)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect
from wagtail.documents.models import Document
from wagtail.models import WorkflowState

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from kierunek.cms.models import NewsPage
from kierunek.cms.tree import portal_tree_ensure
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code
from tests.cms.builders import PDF

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Posiedzenie Rady Partnerów w Tarnowie"
FILE_TITLE = "Program posiedzenia Rady Partnerów"
PHONE = {"width": 375, "height": 812}


def staff_in_browser(browser: Browser, live_server, user) -> Page:
    """A browser of its own for ``user``, logged in with both factors, the admin in English."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page = context.new_page()
    device = confirmed_totp_device(user)
    page.goto("/logowanie/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(f"{current_code(device):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/logowanie/"))
    return page


def accessible_at_both_widths(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_an_editor_drafts_a_moderator_publishes_a_resident_finds_and_downloads(
    browser: Browser, live_server, page: Page, files_on_disk, tmp_path
):
    tree = portal_tree_ensure()
    mpku = tree.sections["mpku"]
    partner = StaffUserFactory(role=Role.PARTNER_STAFF, first_name="Ewa", last_name="Partnerska")
    officer = StaffUserFactory(role=Role.OFFICER, first_name="Olga", last_name="Biurowa")
    editor_join(user=partner, section_slug="mpku")
    editor_join(user=officer, section_slug="program")
    upload = tmp_path / "program-posiedzenia.pdf"
    upload.write_bytes(PDF)

    # The partner's editor uploads the file into the section's collection...
    editor = staff_in_browser(browser, live_server, partner)
    editor.goto("/cms-admin/documents/add/")
    editor.locator("#id_title").fill(FILE_TITLE)
    editor.locator("input[type=file][name=file]").set_input_files(str(upload))
    editor.locator("#id_title").fill(FILE_TITLE)  # the upload proposes its file name as the title
    editor.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(editor).to_have_url(re.compile(r"/cms-admin/documents/"))
    document = Document.objects.get(title=FILE_TITLE)
    assert document.collection.name == mpku.title
    # ...which nobody outside the editors can fetch while no published page uses it.
    assert page.request.get(document.url).status == 404

    # ...drafts the news item in the section with the file attached...
    editor.goto(f"/cms-admin/pages/add/cms/newspage/{mpku.pk}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_author").fill("Sekretariat MPKU")
    editor.locator("#id_summary").fill("Rada Partnerów przyjęła plan pracy grup roboczych na 2027 rok.")
    editor.locator("[id$='-child-files-wrapper'] button.c-sf-add-button").first.click()
    editor.get_by_role("button", name="Choose a document").click()
    editor.locator(".modal").get_by_role("link", name=FILE_TITLE).click()
    expect(editor.locator("[id$='-child-files-wrapper']")).to_contain_text(FILE_TITLE)
    # ...and submits it to the moderation (publishing is not open to a partner).
    editor.locator(".w-dropdown-button button.w-dropdown__toggle").click()
    expect(editor.locator("button[name=action-publish]")).to_have_count(0)
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")

    news = NewsPage.objects.get(title=TITLE)
    assert not news.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(news.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == partner
    assert page.request.get(document.url).status == 404
    page.goto("/szukaj-na-portalu/?q=Tarnowie")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)

    # The office's editor approves it, which publishes it.
    moderator = staff_in_browser(browser, live_server, officer)
    moderator.goto(f"/cms-admin/pages/{news.pk}/edit/")
    moderator.locator(".w-dropdown-button button.w-dropdown__toggle").click()
    moderator.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    news.refresh_from_db()
    state.refresh_from_db()
    assert news.live
    assert state.status == WorkflowState.STATUS_APPROVED

    # A resident searches the portal, opens the news item and downloads its file.
    page.goto("/szukaj-na-portalu/")
    page.locator("main input[name=q]").fill("posiedzenie rady partnerów")
    page.locator("main form[role=search] button[type=submit]").click()
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    accessible_at_both_widths(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    accessible_at_both_widths(page)
    with page.expect_download() as downloading:
        page.get_by_role("link", name=FILE_TITLE).click()
    assert downloading.value.suggested_filename == "program-posiedzenia.pdf"
    assert downloading.value.path().read_bytes() == PDF
