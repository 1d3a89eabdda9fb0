"""The card page's panels from contexts above the catalogue (kierunek.catalogue.hooks): the
catalogue renders what is registered without importing who registered it."""

import datetime

import pytest
from django.urls import reverse

from kierunek.catalogue.hooks import CardPanels, card_panels, hours_rules_source
from tests.catalogue.factories import ServiceCardFactory

pytestmark = pytest.mark.django_db


def test_the_vouchers_register_the_booking_panel():
    from kierunek.vouchers.catalogue_hooks import card_booking_panel

    assert card_booking_panel in list(card_panels)


def test_registering_a_panel_twice_adds_it_once():
    panels = CardPanels()

    def panel(request, card, page):
        return None

    panels.register(panel)
    panels.register(panel)
    assert len(panels) == 1


def test_a_registered_panel_renders_in_the_card_page_with_its_own_values(
    client, monkeypatch, tmp_path, settings
):
    panel_template = '<section id="test-panel">{{ card.title }} · {{ greeting }}</section>'
    (tmp_path / "panel.html").write_text(panel_template)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), str(tmp_path)]}
    ]
    seen = []

    def panel(request, card, page):
        seen.append((card.pk, page["card"].pk))
        return "panel.html", {"greeting": "Hello"}

    panels = CardPanels()
    for registered in card_panels:
        panels.register(registered)
    panels.register(panel)
    monkeypatch.setattr("kierunek.catalogue.templatetags.catalogue.registered_card_panels", panels)
    card = ServiceCardFactory(title="Kurs Excela")

    html = client.get(reverse("catalogue:card", args=[card.pk])).content.decode()

    assert '<section id="test-panel">Kurs Excela · Hello</section>' in html
    assert seen == [(card.pk, card.pk)]
    # Where the panels belong: after the price, before the provider.
    assert html.index('id="card-prices"') < html.index('id="test-panel"') < html.index('id="card-provider"')


def test_the_programmes_give_the_catalogue_the_hours_rule_in_force():
    assert hours_rules_source.source is not None
    assert hours_rules_source.source.__module__ == "kierunek.programmes.catalogue_hooks"
    rules = hours_rules_source.on(datetime.date(2027, 1, 4))
    assert rules is not None
    assert rules.hour_minutes == 60
    assert hours_rules_source.on(datetime.date(2024, 6, 1)) is None  # before the programme
