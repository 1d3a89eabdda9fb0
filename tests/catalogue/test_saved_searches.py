"""Saved searches and their e-mail alerts: saving a search from /uslugi/, the participant's page of
saved searches (each person reaches only their own), the daily digest (one e-mail per person, never
a card twice, nothing when nothing is new, weekly searches wait their week, safe to run twice), the
one-click unsubscribe link and its RFC 8058 POST, and the data export."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from kierunek.catalogue.models import AlertFrequency, CardStatus, SavedSearch
from kierunek.catalogue.saved_search_alerts import SETTLE, _claimed, saved_search_digests_send
from kierunek.catalogue.saved_searches import (
    MAX_SAVED_SEARCHES,
    saved_search_params,
    saved_search_query,
    unsubscribe_token,
)
from kierunek.catalogue.search import search_cards, search_params_parse
from kierunek.core.personal_data import personal_data_collect
from tests.accounts.factories import ParticipantFactory
from tests.catalogue.factories import ServiceCardFactory, category

pytestmark = pytest.mark.django_db

SEARCH = "/uslugi/"
SAVE = "/uslugi/zapisane/zapisz/"
LIST = "/uslugi/zapisane/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}
NOW = timezone.now()


def _key(n: int = 0) -> str:
    return f"test-saved-search-{n:04d}"


def _save(client, query: str, *, frequency: str = "daily", key: str | None = None):
    return client.post(SAVE, {"query": query, "frequency": frequency, "idempotency_key": key or _key()})


def _saved(user, query: str = "q=angielski", *, frequency: str = AlertFrequency.DAILY, days_ago: int = 1):
    """A saved search as if saved ``days_ago`` days ago (looked at that day, nothing sent since)."""
    then = NOW - datetime.timedelta(days=days_ago)
    return SavedSearch.objects.create(
        user=user,
        query=query,
        label=query,
        frequency=frequency,
        created_at=then,
        checked_on=timezone.localdate(then),
        sent_until=then,
        idempotency_key=f"k-{user.pk}-{query}",
    )


def _published(title: str, *, hours_ago: float = 2, **fields):
    """A card published ``hours_ago`` before NOW; in English courses when its title is English
    (the factory's default category), in welding otherwise (so "angielski" does not find it)."""
    fields.setdefault(
        "category", category("languages_english" if "Angielski" in title else "technical_welding")
    )
    return ServiceCardFactory(title=title, published_at=NOW - datetime.timedelta(hours=hours_ago), **fields)


def _run(capture, now=NOW):
    with capture(execute=True):
        return saved_search_digests_send(now=now)


@pytest.fixture
def participant(client):
    user = ParticipantFactory()
    client.force_login(user)
    return user


# --- the canonical query --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "q=ksi%C4%99gowo%C5%9B%C4%87",
        "q=angielski&category=languages&form=remote_live&form=in_person",
        "gmina=1261011&radius_km=20&include_remote=1&sort=distance",
        "powiat=1261&starts_after=2027-01-01&starts_before=2027-03-01&price_max=1500,5",
        "quality_mark=1&min_rating=4.5&free_places=1&sort=price",
        "q=egzamin&kwalifikacja=DEMO-02",
        "",
    ],
)
def test_the_canonical_query_gives_the_same_search_on_its_first_page(query):
    params = search_params_parse(QueryDict(query))
    canonical = saved_search_query(params)
    # The forms are "any of them": their order means nothing, and the canonical one is sorted.
    assert saved_search_params(canonical) == replace(params, forms=tuple(sorted(params.forms)))
    assert saved_search_query(saved_search_params(canonical)) == canonical
    assert "page" not in parse_qs(canonical)


def test_the_same_search_written_differently_is_one_query():
    one = saved_search_query(
        search_params_parse(QueryDict("form=remote_live&form=in_person&q=  excel  &page=3"))
    )
    other = saved_search_query(search_params_parse(QueryDict("q=excel&form=in_person&form=remote_live")))
    assert one == other


# --- saving from the search page ------------------------------------------------------------------


def test_the_search_page_offers_a_participant_to_save_the_search(client, participant):
    page = client.get(SEARCH, {"q": "angielski", "page": "1"}).content.decode()
    form = re.search(r'<form method="post" action="/uslugi/zapisane/zapisz/".*?</form>', page, re.S)
    assert form, "no save form"
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert re.search(r'name="idempotency_key" value="saved-search-[0-9a-f]{32}"', form.group(0))
    assert 'name="query" value="q=angielski"' in form.group(0)  # the page left out
    assert '<label for="saved-search-frequency">' in form.group(0)


def test_an_anonymous_person_is_offered_to_log_in_and_come_back(client):
    page = client.get(SEARCH, {"q": "angielski"}).content.decode()
    assert "/uslugi/zapisane/zapisz/" not in page
    [link] = re.findall(r'<a href="(/logowanie/\?next=[^"]+)">', page)
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query)["next"] == ["/uslugi/?q=angielski"]


def test_an_anonymous_post_saves_nothing(client):
    response = _save(client, "q=angielski")
    assert response.status_code == 302
    assert response.url.startswith("/logowanie/")
    assert not SavedSearch.objects.exists()


def _panel(html: str) -> str:
    """The save-search panel: from its opening tag to the end of the partial, or to the results
    on the full page (it stands right above them)."""
    start = html.index('<div id="saved-search-panel"')
    end = html.find('<div id="search-results">', start)
    return html[start : end if end >= 0 else len(html)].strip()


@pytest.mark.parametrize("logged_in", [True, False])
def test_the_htmx_results_bring_the_panel_of_the_new_search(client, logged_in):
    if logged_in:
        client.force_login(ParticipantFactory())
    partial = _panel(client.get(SEARCH, {"q": "excel"}, **HTMX).content.decode())
    full = _panel(client.get(SEARCH, {"q": "excel"}).content.decode())
    assert partial.startswith('<div id="saved-search-panel" class="saved-search-panel" hx-swap-oob="true">')
    # The same panel as the full page's, but for the keys each rendering of the form makes afresh.
    fresh_key = re.compile(r'saved-search-[0-9a-f]{32}|name="csrfmiddlewaretoken" value="\w+"')
    assert fresh_key.sub("", partial.replace(' hx-swap-oob="true"', "")) == fresh_key.sub("", full)
    assert ("q%3Dexcel" in partial) != logged_in
    assert ('name="query" value="q=excel"' in partial) == logged_in


def test_saving_a_search(client, participant):
    response = _save(client, "q=angielski&category=languages&page=2", frequency="weekly")
    saved = SavedSearch.objects.get()
    assert (saved.user, saved.query, saved.frequency, saved.active) == (
        participant,
        "q=angielski&category=languages",
        "weekly",
        True,
    )
    assert "„angielski”" in saved.label
    assert "Języki" in saved.label
    assert response.status_code == 302
    assert response.url == "/uslugi/?q=angielski&category=languages"
    page = client.get(response.url).content.decode()
    assert "Zapisano wyszukiwanie" in page
    assert "/uslugi/zapisane/zapisz/" not in page  # saved: the panel links to the list instead
    assert 'href="/uslugi/zapisane/"' in page


def test_the_same_form_sent_twice_saves_once(client, participant):
    _save(client, "q=angielski", key=_key(1))
    _save(client, "q=angielski", key=_key(1))
    assert SavedSearch.objects.count() == 1


def test_saving_the_same_search_again_switches_its_emails_on(client, participant):
    saved = _saved(participant, "q=angielski", frequency=AlertFrequency.WEEKLY)
    saved.active = False
    saved.save()
    _save(client, "q=angielski", frequency="daily", key=_key(2))
    saved.refresh_from_db()
    assert (SavedSearch.objects.count(), saved.active, saved.frequency) == (1, True, "daily")


@pytest.mark.parametrize(
    ("query", "frequency"),
    [
        ("gmina=999", "daily"),  # not a TERYT code
        ("category=no_such_category", "daily"),  # parses, but no such category
        ("radius_km=20", "daily"),  # a radius without a gmina
        ("q=angielski", "hourly"),
    ],
)
def test_a_search_that_cannot_run_is_not_saved(client, participant, query, frequency):
    response = _save(client, query, frequency=frequency)
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()
    page = client.get(response.url).content.decode()
    assert 'class="error"' in page


def test_a_person_keeps_at_most_the_limit(client, participant):
    for n in range(MAX_SAVED_SEARCHES):
        _saved(participant, f"q=kurs{n}")
    response = _save(client, "q=angielski")
    assert SavedSearch.objects.filter(user=participant).count() == MAX_SAVED_SEARCHES
    page = client.get(response.url).content.decode()
    assert f"najwyżej {MAX_SAVED_SEARCHES} zapisanych wyszukiwań" in page


def test_staff_cannot_save(staff_client):
    client, _user = staff_client("officer")
    assert "/uslugi/zapisane/zapisz/" not in client.get(SEARCH, {"q": "x"}).content.decode()
    assert _save(client, "q=angielski").status_code == 403
    assert not SavedSearch.objects.exists()


# --- the list, by its owner only ------------------------------------------------------------------


def test_the_list_shows_only_the_persons_own_searches(client, participant):
    mine = _saved(participant, "q=angielski")
    theirs = _saved(ParticipantFactory(), "q=spawanie")
    page = client.get(LIST).content.decode()
    assert f'href="/uslugi/?{mine.query}"' in page
    assert theirs.label not in page


def test_changing_the_frequency_and_switching_off(client, participant):
    saved = _saved(participant, frequency=AlertFrequency.DAILY)
    client.post(f"{LIST}{saved.pk}/czestotliwosc/", {"frequency": "weekly"})
    saved.refresh_from_db()
    assert (saved.frequency, saved.active) == ("weekly", True)
    client.post(f"{LIST}{saved.pk}/czestotliwosc/", {"frequency": "off"})
    saved.refresh_from_db()
    assert (saved.frequency, saved.active) == ("weekly", False)


def test_deleting_asks_first(client, participant):
    saved = _saved(participant)
    asked = client.post(f"{LIST}{saved.pk}/usun/")
    assert asked.status_code == 200
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    done = client.post(f"{LIST}{saved.pk}/usun/", {"confirmed": "yes"})
    assert done.status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_another_persons_saved_search_is_not_found_and_stays_as_it_was(client, participant):
    theirs = _saved(ParticipantFactory(), frequency=AlertFrequency.DAILY)
    assert client.post(f"{LIST}{theirs.pk}/czestotliwosc/", {"frequency": "off"}).status_code == 404
    assert client.post(f"{LIST}{theirs.pk}/usun/", {"confirmed": "yes"}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.active, theirs.frequency) == (True, "daily")


# --- the digest -------------------------------------------------------------------------------------


def test_a_new_published_card_is_emailed_once(django_capture_on_commit_callbacks, participant):
    saved = _saved(participant, "q=angielski")
    card = _published("Angielski w biznesie")
    _published("Spawanie metodą TIG")  # new, but not found by the search
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks) == {"searches": 1, "found": 1, "emails": 1}
    [message] = mail.outbox
    assert message.to == [participant.email]
    assert message.subject == "Kierunek: Nowe usługi dla Twoich zapisanych wyszukiwań"
    assert "Angielski w biznesie" in message.body
    assert "Spawanie" not in message.body
    assert f"/uslugi/{card.pk}/" in message.body
    assert "/uslugi/?q=angielski" in message.body
    assert "/uslugi/zapisane/wypisz/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https?://[^>]+/uslugi/zapisane/wypisz/[^>]+/>", message.extra_headers["List-Unsubscribe"]
    )
    [(html, _kind)] = message.alternatives
    assert f"/uslugi/{card.pk}/" in html
    saved.refresh_from_db()
    assert saved.last_sent_at == NOW
    assert saved.checked_on == timezone.localdate(NOW)

    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["emails"] == 0  # the same day again
    tomorrow = NOW + datetime.timedelta(days=1)
    assert _run(django_capture_on_commit_callbacks, tomorrow)["emails"] == 0  # nothing new since
    assert mail.outbox == []


def test_no_email_when_nothing_is_new(django_capture_on_commit_callbacks, participant):
    _saved(participant, "q=angielski")
    ServiceCardFactory(title="Angielski dawniej", published_at=NOW - datetime.timedelta(days=3))
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks) == {"searches": 1, "found": 0, "emails": 0}
    assert mail.outbox == []


def test_cards_published_before_the_search_was_saved_are_not_sent(
    django_capture_on_commit_callbacks, participant
):
    _published("Angielski sprzed zapisu", hours_ago=30)
    _saved(participant, "q=angielski", days_ago=1)  # saved 24 hours ago
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["emails"] == 0


def test_unpublished_and_withdrawn_cards_are_not_sent(django_capture_on_commit_callbacks, participant):
    _saved(participant, "q=angielski")
    _published("Angielski szkic", status=CardStatus.DRAFT)
    _published("Angielski odwołany", status=CardStatus.CANCELLED)
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["emails"] == 0


def test_a_weekly_search_waits_its_week(django_capture_on_commit_callbacks, participant):
    saved = _saved(participant, "q=angielski", frequency=AlertFrequency.WEEKLY, days_ago=3)
    _published("Angielski konwersacje")
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["searches"] == 0
    assert mail.outbox == []
    in_four_days = NOW + datetime.timedelta(days=4)
    assert _run(django_capture_on_commit_callbacks, in_four_days)["emails"] == 1
    saved.refresh_from_db()
    assert saved.checked_on == timezone.localdate(in_four_days)


def test_two_searches_of_one_person_make_one_email(django_capture_on_commit_callbacks, participant):
    _saved(participant, "q=angielski")
    _saved(participant, "q=spawanie")
    _published("Angielski dla kierowców")
    _published("Spawanie metodą TIG")
    other = ParticipantFactory()
    _saved(other, "q=spawanie")
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks) == {"searches": 3, "found": 3, "emails": 2}
    [mine] = [m for m in mail.outbox if m.to == [participant.email]]
    assert "Angielski dla kierowców" in mine.body
    assert "Spawanie metodą TIG" in mine.body


def test_a_card_is_never_sent_twice_for_one_search(django_capture_on_commit_callbacks, participant):
    _saved(participant, "q=angielski")
    _published("Angielski A1")
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks)
    tomorrow = NOW + datetime.timedelta(days=1)
    _published("Angielski B2", hours_ago=-12)  # published after the first run
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks, tomorrow)
    [message] = mail.outbox
    assert "Angielski B2" in message.body
    assert "Angielski A1" not in message.body


def test_a_card_published_just_before_the_run_waits_for_the_next_one(
    django_capture_on_commit_callbacks, participant
):
    _saved(participant, "q=angielski")
    _published("Angielski świeży", hours_ago=SETTLE.total_seconds() / 3600 / 2)
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["emails"] == 0
    assert _run(django_capture_on_commit_callbacks, NOW + datetime.timedelta(days=1))["emails"] == 1


def test_a_second_worker_with_the_same_due_searches_sends_nothing(
    django_capture_on_commit_callbacks, participant
):
    """Two runs that read the same due search: the claim (a conditional UPDATE) lets one send."""
    saved = _saved(participant, "q=angielski")
    _published("Angielski w podróży")
    stale = SavedSearch.objects.get(pk=saved.pk)  # what the second worker read before the first wrote
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks)
    assert not _claimed(stale, today=timezone.localdate(NOW), cutoff=NOW)
    assert len(mail.outbox) == 1


def test_the_daily_command_runs_the_digest_as_on_a_day(django_capture_on_commit_callbacks, participant):
    _saved(participant, "q=angielski", days_ago=2)
    _published("Angielski od podstaw", hours_ago=26)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("catalogue_daily", today=timezone.localdate())
    assert len(mail.outbox) == 1


# --- the search limited to some cards (what the digest runs) ------------------------------------------


@pytest.mark.parametrize(
    "query", ["q=angielski", "category=languages&sort=price", "gmina=1261011&radius_km=30"]
)
def test_a_search_among_some_cards_is_the_same_on_both_ways_it_runs(query):
    cards = [
        _published("Angielski A1"),
        _published(
            "Angielski B1", price_gross=50_000, price_net=40_000, category=category("languages_other")
        ),
        _published("Spawanie", category=category("languages_english")),
        _published("Angielski C1", gmina=None, delivery_form="remote_live", street=""),
    ]
    among = [cards[0].pk, cards[2].pk, cards[3].pk]
    params = search_params_parse(QueryDict(query))
    plain = search_cards(params, among=among, columnar=False)
    full = search_cards(params, columnar=False)
    expected = [hit.card.pk for hit in full.items if hit.card.pk in among]
    assert [hit.card.pk for hit in plain.items] == expected
    assert plain.count == len(expected)
    if connection.vendor == "sqlite":
        columns = search_cards(params, among=among, columnar=True)
        assert [hit.card.pk for hit in columns.items] == expected
        assert columns.facets == plain.facets


# --- the one-click unsubscribe ------------------------------------------------------------------------


def test_the_emails_link_asks_once_then_unsubscribes_and_can_be_undone(
    client, django_capture_on_commit_callbacks
):
    owner = ParticipantFactory()
    saved = _saved(owner, "q=angielski")
    token = unsubscribe_token(user_id=owner.pk, saved_search_ids=[saved.pk])
    # Opening the link (as a mail filter or a link preview does too) changes nothing.
    for method in (client.get, client.head):
        assert method(f"/uslugi/zapisane/wypisz/{token}/").status_code == 200  # not logged in
    saved.refresh_from_db()
    assert saved.active is True
    asked = client.get(f"/uslugi/zapisane/wypisz/{token}/").content.decode()
    assert saved.label in asked
    assert f'<form method="post" action="/uslugi/zapisane/wypisz/{token}/">' in asked

    page = client.post(f"/uslugi/zapisane/wypisz/{token}/")  # the page's one button
    assert page.status_code == 200
    saved.refresh_from_db()
    assert saved.active is False
    html = page.content.decode()
    assert saved.label in html
    assert f"/uslugi/zapisane/wypisz/{token}/przywroc/" in html
    _published("Angielski po wypisaniu")
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["emails"] == 0

    client.post(f"/uslugi/zapisane/wypisz/{token}/przywroc/")
    saved.refresh_from_db()
    assert saved.active is True


def test_the_one_click_post_of_a_mail_client_unsubscribes_without_a_csrf_token():
    owner = ParticipantFactory()
    saved = _saved(owner)
    token = unsubscribe_token(user_id=owner.pk, saved_search_ids=[saved.pk])
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no session: as a mail client posts
    response = mail_client.post(f"/uslugi/zapisane/wypisz/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.active is False


def test_a_changed_token_does_nothing(client):
    owner = ParticipantFactory()
    saved = _saved(owner)
    token = unsubscribe_token(user_id=owner.pk, saved_search_ids=[saved.pk])
    response = client.get(f"/uslugi/zapisane/wypisz/{token[:-2]}xx/")
    assert response.status_code == 400
    assert 'href="/uslugi/zapisane/"' in response.content.decode()
    saved.refresh_from_db()
    assert saved.active is True


def test_a_token_reaches_only_its_owners_searches(client):
    owner, other = ParticipantFactory(), ParticipantFactory()
    theirs = _saved(other)
    token = unsubscribe_token(user_id=owner.pk, saved_search_ids=[theirs.pk])
    assert theirs.label not in client.get(f"/uslugi/zapisane/wypisz/{token}/").content.decode()
    client.post(f"/uslugi/zapisane/wypisz/{token}/")
    theirs.refresh_from_db()
    assert theirs.active is True


# --- the data export ----------------------------------------------------------------------------------


def test_the_data_export_holds_the_saved_searches(participant):
    saved = _saved(participant, "q=angielski")
    _saved(ParticipantFactory(), "q=spawanie")
    exported = personal_data_collect(user=participant)["saved_searches"]
    assert exported == [
        {
            "label": saved.label,
            "query": "q=angielski",
            "frequency": "daily",
            "active": True,
            "created_at": saved.created_at.isoformat(),
            "checked_on": saved.checked_on.isoformat(),
            "sent_until": saved.sent_until.isoformat(),
            "last_sent_at": None,
        }
    ]


def test_the_participants_dashboard_counts_their_saved_searches(client, participant):
    assert "Zapisz wyszukiwanie w katalogu" in client.get("/panel/", follow=True).content.decode()
    _saved(participant, "q=angielski")
    off = _saved(participant, "q=spawanie")
    off.active = False
    off.save()
    _saved(ParticipantFactory(), "q=excel")
    page = " ".join(client.get("/panel/", follow=True).content.decode().split())
    assert "Masz 2 zapisane wyszukiwania; 1 wysyła Ci nowe usługi e-mailem." in page
    assert 'href="/uslugi/zapisane/"' in page
