"""Finding a course is one click away: the home page and the header link to the catalogue, and
the recommendations on the participant's plan page (and the recommendations page) link to the
cards, show the cost in vouchers and money under the consumption rule, and lead to the card's
booking panel."""

import pytest
from django.conf import settings
from django.urls import reverse

from kierunek.core.money import Money
from tests.catalogue.factories import ServiceCardFactory
from tests.guidance.builders import signed_balance

pytestmark = pytest.mark.django_db


def test_the_home_page_and_the_header_link_to_the_catalogue(client):
    search = reverse("catalogue:search")
    home = client.get("/").content.decode()
    assert home.count(f'href="{search}"') >= 2  # the header and the page itself
    login = client.get(reverse("accounts:login")).content.decode()
    header = login[login.index("<header") : login.index("</header>")]
    assert f'href="{search}"' in header


@pytest.mark.parametrize("page", ["guidance:my_plan", "guidance:recommendations"])
def test_recommendations_link_to_the_card_show_the_cost_and_lead_to_booking(client, page):
    balance = signed_balance()
    card = ServiceCardFactory(title="Angielski B1 dla pracujących")  # 1 230 zł, 16 hours
    client.force_login(balance.participant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse(page)).content.decode()
    card_url = reverse("catalogue:card", args=[card.pk])
    assert f'<a href="{card_url}">Angielski B1 dla pracujących</a>' in html
    assert f'href="{card_url}#card-booking"' in html
    # Languages take 2 vouchers an hour under the rule in force: 32 vouchers of 15 zł, the rest on top.
    covered, top_up = Money(32 * 1500).format(nbsp=True), Money(123_000 - 32 * 1500).format(nbsp=True)
    assert f"32 vouchers ({covered})" in html
    assert f"you pay {top_up} on top" in html
    assert 'aria-label="Book: Angielski B1 dla pracujących"' in html
