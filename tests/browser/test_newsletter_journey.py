"""The newsletter in a browser: the office composes an issue, previews it and sends it (the task
worker runs at once, as in every test); a subscriber unsubscribes with one click from the
message's link, and another by the mail client's one-click POST of the List-Unsubscribe header;
a resident subscribes with double opt-in on a phone, confirms from the e-mail, changes the
topics and unsubscribes from the preferences page. axe-core checks every page, at desktop and
phone width."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from kierunek.newsletter.models import Issue, Subscriber
from tests.newsletter.builders import officer, subscribed, topic

from .conftest import assert_accessible
from .test_office_phone_layout import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 812}


def _path(url: str) -> str:
    return url[url.index("/newsletter/") :]


def _link(message, name: str) -> str:
    line = next(word for word in message.body.split() if f"/newsletter/{name}/" in word)
    return _path(line)


def test_the_office_sends_an_issue_and_a_subscriber_unsubscribes_with_one_click(page: Page):
    vouchers = topic("bony", "Bony i nabory")
    ala = subscribed("ala@example.org", topics=[vouchers])
    jan = subscribed("jan@example.org", topics=[vouchers])
    log_in(page, officer())
    mail.outbox = []

    page.goto(reverse("newsletter:office"))
    assert_accessible(page)
    page.get_by_role("button", name="Przygotuj wydanie").click()
    page.locator("#id_subject").fill("Nabór na bony")
    page.locator("#id_body").fill("# Nowy nabór\n\nBony na **szkolenia** od 1 marca.\n\n- bez opłat")
    page.get_by_label("Bony i nabory").check()
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz i pokaż podgląd").click()

    expect(page.locator(".newsletter-preview strong")).to_have_text("szkolenia")
    expect(page.get_by_text("Teraz trafiłoby do 2 subskrybentów.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Wyślij próbę na mój adres").click()
    expect(page.get_by_text("Egzemplarz próbny jest w drodze")).to_be_visible()
    page.get_by_role("button", name="Wyślij wydanie teraz").click()
    assert_accessible(page)  # the confirmation page
    page.get_by_role("button", name="Wyślij wydanie", exact=True).click()
    expect(page.locator("#issue-progress")).to_contain_text("Wysłano 2 z 2")
    assert_accessible(page)
    assert Issue.objects.get().status == "sent"

    to_ala = next(m for m in mail.outbox if m.to == [ala.email])
    to_jan = next(m for m in mail.outbox if m.to == [jan.email])
    assert to_ala.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Ala's mail client posts to the List-Unsubscribe address: no page, no session, no CSRF token.
    header = to_ala.extra_headers["List-Unsubscribe"].strip("<>")
    page.context.clear_cookies()
    answer = page.context.request.post(
        _path(header),
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200
    ala.refresh_from_db()
    assert ala.status == "unsubscribed"

    # Jan opens the message's link and presses the one button.
    page.goto(_link(to_jan, "wypisz"))
    assert_accessible(page)
    page.get_by_role("button", name="Wypisz się").click()
    expect(page.get_by_role("status")).to_contain_text("jest wypisany")
    jan.refresh_from_db()
    assert jan.status == "unsubscribed"

    page.goto(reverse("newsletter:archive"))
    page.get_by_role("link", name="Nabór na bony").click()
    expect(page.locator(".newsletter-body h2")).to_have_text("Nowy nabór")
    assert_accessible(page)


def test_a_resident_subscribes_with_double_opt_in_on_a_phone(page: Page):
    topic("bony", "Bony i nabory")
    topic("wydarzenia", "Wydarzenia")
    page.set_viewport_size(PHONE)
    mail.outbox = []

    page.goto(reverse("newsletter:subscribe"))
    assert_accessible(page)
    page.get_by_label("Adres e-mail").fill("zofia@example.org")
    page.get_by_label("Mieszkańcy").check()
    page.get_by_label("Bony i nabory").check()
    page.get_by_role("button", name="Zapisz się", exact=True).click()
    expect(page.locator("#form-errors")).to_contain_text("tylko za Twoją zgodą")
    assert_accessible(page)
    page.get_by_label("Zgadzam się na otrzymywanie newslettera").check()
    page.get_by_role("button", name="Zapisz się", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("zofia@example.org")
    assert_accessible(page)
    assert Subscriber.objects.get().status == "pending"

    (message,) = mail.outbox
    page.goto(_link(message, "potwierdz"))
    assert_accessible(page)
    page.get_by_role("button", name="Potwierdź subskrypcję").click()
    expect(page.get_by_role("status")).to_contain_text("otrzymuje teraz newsletter")
    assert Subscriber.objects.get().status == "confirmed"

    page.get_by_role("link", name="Twoje tematy i wypisanie się").click()
    assert_accessible(page)
    page.get_by_label("Wydarzenia").check()
    page.get_by_role("button", name="Zapisz tematy").click()
    expect(page.get_by_text("Twoje tematy zostały zapisane.")).to_be_visible()
    subscriber = Subscriber.objects.get()
    assert sorted(subscriber.topics.values_list("slug", flat=True)) == ["bony", "wydarzenia"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Wypisz się").click()
    expect(page.get_by_role("status")).to_contain_text("jest wypisany")
    assert_accessible(page)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert [r.event for r in subscriber.consents.all()] == [
        "requested",
        "confirmed",
        "topics_changed",
        "withdrawn",
    ]
