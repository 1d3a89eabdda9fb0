"""Complaints fill the evaluations' quality hook (upheld and open complaints per provider and per
category; two upheld flag a provider), add their links to the card and booking pages through the
lower contexts' hooks, and put the complainant's complaints in their data export."""

import pytest

from kierunek.catalogue.hooks import card_panels
from kierunek.complaints.catalogue_hooks import card_complaint_panel
from kierunek.core.personal_data import personal_data_collect
from kierunek.evaluations.hooks import QUALITY_SIGNALS
from kierunek.vouchers.hooks import BOOKING_LINKS

from .builders import about_booking, accepted_booking, accepted_booking_of, decided, taken


def test_complaints_register_their_quality_signals_and_links():
    upheld = QUALITY_SIGNALS["complaints_upheld"]
    assert upheld.flag_at == 2
    assert "complaints_open" in QUALITY_SIGNALS
    assert card_complaint_panel in list(card_panels)
    assert "complain" in [link.key for link in BOOKING_LINKS]


@pytest.mark.django_db
def test_the_signals_count_per_provider_and_per_category():
    first = decided(about_booking(), upheld=True)
    provider, category = first.provider_id, first.card.category.code
    decided(about_booking(accepted_booking_of(first.provider)), upheld=True)
    taken(about_booking(accepted_booking_of(first.provider)))
    decided(about_booking(accepted_booking()), upheld=False)

    upheld, still_open = QUALITY_SIGNALS["complaints_upheld"], QUALITY_SIGNALS["complaints_open"]
    assert upheld.per_provider(since=None)[provider] == 2
    assert upheld.per_provider(since=None)[provider] >= upheld.flag_at
    assert still_open.per_provider(since=None) == {provider: 1}
    assert upheld.per_category(since=None)[category] == 2
    assert upheld.per_provider(since=first.received_on.replace(year=first.received_on.year + 1)) == {}


@pytest.mark.django_db
def test_the_complainants_export_holds_their_complaints_and_nobody_elses():
    complaint = decided(about_booking(), upheld=True)
    about_booking()

    export = personal_data_collect(user=complaint.complainant)["complaints"]

    assert [item["number"] for item in export] == [complaint.number]
    assert export[0]["decision_reason"] == "Zasadna."
    assert [step["to"] for step in export[0]["history"]] == ["received", "under_review", "upheld"]
    assert {step["by"] for step in export[0]["history"][1:]} == {"officer"}
