"""A stranger holding a certificate checks its code on the public page: typed as printed (or in
lower case, without dashes), the valid one shows the qualification, the institution, the dates
and the holder's initials only; the revoked one says so, with the reason. axe-core checks every
page, at desktop and at phone width."""

import pytest
from playwright.sync_api import Page, expect

from kierunek.core.actor import Actor
from kierunek.qualifications.certification import certificate_revoke
from tests.qualifications.certificate_builders import setting

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_stranger_verifies_a_valid_and_a_revoked_certificate(page: Page, viewport):
    s = setting()
    valid = s.issue()
    revoked = s.issue()
    certificate_revoke(
        actor=Actor.of(s.signer), certificate_id=revoked.pk, reason="Pomyłka w danych posiadacza"
    )
    if viewport:
        page.set_viewport_size(viewport)

    page.goto("/kwalifikacje/")
    page.get_by_role("link", name="Sprawdź certyfikat kwalifikacji").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawdź certyfikat kwalifikacji")
    assert_accessible(page)

    page.get_by_label("Kod weryfikacyjny").fill(valid.code_display.lower().replace("-", " "))
    page.get_by_role("button", name="Sprawdź", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Certyfikat jest ważny.")
    expect(page.get_by_text(valid.number)).to_be_visible()
    expect(page.get_by_text("A. M. K.-N.")).to_be_visible()
    expect(page.get_by_text("Centrum Walidacji")).to_be_visible()
    expect(page.get_by_text("Kowalska-Nowak")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Kod weryfikacyjny").fill(revoked.code_display)
    page.get_by_role("button", name="Sprawdź", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Certyfikat został unieważniony.")
    expect(page.get_by_text("Pomyłka w danych posiadacza")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kod weryfikacyjny").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Sprawdź", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Żaden certyfikat kwalifikacji nie ma tego kodu.")
    assert_accessible(page)
