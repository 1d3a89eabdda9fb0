"""The CMS admin works under the site's strict Content-Security-Policy, which the public pages keep:
an editor sets a news item's scheduled publication with Wagtail's date picker (started by a static
script, not by the inline script Wagtail's widget carries); no script or image is refused."""

import datetime
import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from kierunek.cms.tree import portal_tree_ensure
from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code
from tests.cms.builders import news

from .test_content_security_policy import RECORD_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
}


def policy(response) -> set[str]:
    return {d.strip() for d in response.headers["content-security-policy"].split(";")}


def test_the_scheduled_publication_is_set_with_the_date_picker_under_the_strict_policy(
    page: Page, live_server
):
    tree = portal_tree_ensure()
    officer = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=officer, section_slug="program")
    item = news(tree.sections["program"], title="Nabór wniosków jesienią", user=officer, publish=False)
    violations: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])

    public = page.goto(tree.sections["program"].url)
    assert public is not None
    assert policy(public) >= STRICT

    device = confirmed_totp_device(officer)
    page.goto("/logowanie/")
    page.locator("#id_username").fill(officer.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(f"{current_code(device):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/logowanie/"))

    admin = page.goto(f"/cms-admin/pages/{item.pk}/edit/")
    assert admin is not None
    assert policy(admin) >= STRICT  # the same policy, not a relaxed one
    page.locator("[data-side-panel-toggle=status]").click()
    page.get_by_role("button", name="Set schedule").first.click()
    page.locator("#id_go_live_at").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    picker.locator(
        f".xdsoft_date[data-date='{tomorrow.day}'][data-month='{tomorrow.month - 1}']"
    ).first.click()
    expect(page.locator("#id_go_live_at")).to_have_value(re.compile(rf"^{tomorrow:%Y-%m-%d} \d\d:\d\d$"))

    # Nothing is refused but the <style> elements Draftail (the rich-text editor) generates for
    # nested lists' indents and empty blocks' placeholders: left refused, the editor stays usable.
    refused = page.evaluate("window.__cspViolations")
    assert all(v.startswith("style-src-elem blocked inline") for v in refused), refused
    assert all("Applying inline style" in v for v in violations), violations
