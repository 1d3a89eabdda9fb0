"""The portal's search uses the catalogue's Polish analyser: inflected forms and words typed
without diacritics find the page; an unpublished page is never found."""

import pytest

from kierunek.cms import selectors
from kierunek.cms.models import ContentPage
from tests.cms.builders import news

pytestmark = pytest.mark.django_db


def test_inflected_and_folded_words_find_the_pages(client, portal):
    guide = ContentPage(
        title="Jak korzystać z bonów szkoleniowych",
        slug="bony",
        body=[("text", "<p>Księgowość, spawanie i języki obce: szkolenia opłacisz bonami.</p>")],
    )
    portal.sections["program"].add_child(instance=guide)
    guide.save_revision().publish()
    item = news(portal.sections["mpku"], title="Raport o kształceniu dorosłych")
    news(portal.sections["mpku"], title="Szkic o bonach", publish=False)
    assert [p.pk for p in selectors.pages_search(text="bon szkoleniowy")] == [guide.pk]
    assert [p.pk for p in selectors.pages_search(text="ksiegowosc")] == [guide.pk]
    assert [p.pk for p in selectors.pages_search(text="raport o dorosłych")] == [item.pk]
    response = client.get("/szukaj-na-portalu/", {"q": "bonami"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jak korzystać z bonów szkoleniowych" in body
    assert "Szkic o bonach" not in body


def test_a_withdrawn_page_leaves_the_index(portal):
    item = news(portal.sections["mpku"], title="Warsztaty dla doradców")
    assert selectors.pages_search(text="warsztaty")
    item.unpublish()
    assert selectors.pages_search(text="warsztaty") == []
