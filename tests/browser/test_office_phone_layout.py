"""The office pages with wide tables fit a 390 px phone (390 by 844) without scrolling sideways:
the officer's payout freezes (its search form a normal labelled field and button, each provider's
freeze form in a card), the operator's payment batches, a batch with its transfers and the
reconciliation, and the participant's history of consents. Under the breakpoint their tables
become cards (kierunek.css, ``table.stack``). axe-core checks every page (in Polish, the default,
whose labels are the longer ones)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from kierunek.core.actor import Actor
from kierunek.vouchers.services import freezes as freeze_services
from tests.accounts.factories import DEFAULT_PASSWORD, confirmed_totp_device, current_code
from tests.vouchers import builders as b

from .test_phone_layout import HEIGHT, WIDTH, assert_fits_the_phone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page: Page, user) -> None:
    page.context.clear_cookies()
    device = confirmed_totp_device(user) if user.role != "participant" else None
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if device is not None:
        page.locator("#id_token").fill(f"{current_code(device):06d}")
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/logowanie/" not in url)


def test_office_and_consent_pages_fit_a_phone(page: Page):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    officer = b.officer()
    frozen = b.quality_provider(legal_name="Centrum Szkoleniowo-Doradcze Wierzbięta i Wspólnicy sp. z o.o.")
    b.quality_provider(legal_name="Akademia Cyfrowa Grybów — Kształcenie Zawodowe Dorosłych s.c.")
    freeze_services.payout_freeze(provider_id=frozen.pk, actor=Actor.of(officer), reason="Kontrola urzędu.")
    builder = b.operator()
    batch = b.built_batch(builder)

    log_in(page, officer)
    page.goto(reverse("vouchers:officer_freezes"))
    assert_fits_the_phone(
        page,
        "main search input[name=q]",
        "main search button[type=submit]",
        "main table tbody form button",
    )
    search = page.locator("main search")
    field = search.locator("input[name=q]").bounding_box()
    button = search.locator("button[type=submit]").bounding_box()
    assert field is not None
    assert button is not None
    assert field["width"] > WIDTH / 2  # the search field is not crushed by its button
    assert button["height"] < 80  # and the button is an ordinary one, not a huge round one

    log_in(page, builder)
    for url in (
        reverse("vouchers:operator_batches"),
        reverse("vouchers:operator_batch", args=[batch.pk]),
        reverse("vouchers:operator_reconciliation"),
    ):
        page.goto(url)
        assert_fits_the_phone(page, "main table tbody td:not(:empty)")

    participant = b.issued_account().participant
    log_in(page, participant)
    page.goto(reverse("programmes:my_data"))
    assert_fits_the_phone(page, "main section[aria-labelledby=history-title] tbody td:not(:empty)")
