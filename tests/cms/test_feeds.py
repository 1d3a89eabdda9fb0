"""The news feeds are valid RSS 2.0 and Atom documents: they parse, and name each news item with
its link, date and author; a section's feed has only its own news."""

import pytest
from defusedxml import ElementTree as ET

from tests.cms.builders import news

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(portal):
    return (
        news(portal.sections["mpku"], title="Posiedzenie Rady MPKU"),
        news(
            portal.sections["inwestorzy"],
            title="Spotkanie w strefie inwestycyjnej",
            author="Sekretariat partnerstwa",
        ),
        news(portal.sections["mpku"], title="Szkic, nieopublikowany", publish=False),
    )


def test_the_rss_feed_parses_and_lists_the_live_news(client, items):
    response = client.get("/aktualnosci/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("title").text
    found = {item.find("title").text: item for item in channel.findall("item")}
    assert set(found) == {"Posiedzenie Rady MPKU", "Spotkanie w strefie inwestycyjnej"}
    item = found["Posiedzenie Rady MPKU"]
    assert item.find("link").text.endswith("/strony/mpku/posiedzenie-rady-mpku/")
    assert item.find("pubDate").text


def test_the_atom_feed_of_a_section_parses_and_has_its_news_only(client, items):
    response = client.get("/aktualnosci/inwestorzy/atom.xml")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Spotkanie w strefie inwestycyjnej"]
    entry = entries[0]
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Sekretariat partnerstwa"
    assert entry.find(f"{ATOM}updated").text
    assert entry.find(f"{ATOM}id").text
    assert client.get("/aktualnosci/nie-ma-takiej/rss.xml").status_code == 404
