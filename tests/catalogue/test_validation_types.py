"""Validation and certification are kinds of service of their own (issue 16): a card of either
names a qualification of the register, the catalogue's filter by qualification finds it, and BUR's
layout carries both kinds both ways."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kierunek.catalogue import importexport, services
from kierunek.catalogue.domain import QUALIFYING_TYPES, card_problems
from kierunek.catalogue.models import ServiceType
from kierunek.core.actor import Actor
from tests.catalogue.factories import ServiceCardFactory
from tests.catalogue.test_cards import card_input
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.qualifications.factories import qualification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _register():
    qualification(code="DEMO-Q1", name="Prowadzenie rachunkowości")


@pytest.mark.parametrize("kind", ["validation", "certification"])
def test_a_validation_or_certification_card_names_a_qualification(kind):
    provider = ProviderFactory()
    assert kind in QUALIFYING_TYPES
    assert "qualification_code" not in card_problems(
        card_input(service_type=kind, qualification_code="DEMO-Q1")
    )

    card = services.card_create(
        provider=provider,
        data=card_input(service_type=kind, qualification_code="DEMO-Q1"),
        actor=Actor.of(provider_staff_of(provider)),
    )

    assert (card.service_type, card.qualification_code) == (kind, "DEMO-Q1")


def test_an_advisory_card_still_names_no_qualification():
    card = ServiceCardFactory(service_type="advisory")
    with pytest.raises(ValidationError):
        services.card_qualification_link(card_id=card.pk, code="DEMO-Q1")
    assert "qualification_code" in card_problems(
        card_input(service_type="advisory", qualification_code="DEMO-Q1")
    )


def test_the_filter_by_qualification_finds_validation_and_certification_cards(client):
    validation = ServiceCardFactory(service_type="validation", qualification_code="DEMO-Q1")
    certification = ServiceCardFactory(service_type="certification", qualification_code="DEMO-Q1")
    other = ServiceCardFactory(service_type="validation", title="Walidacja czegoś innego")

    page = text(client.get("/uslugi/", {"kwalifikacja": "DEMO-Q1"}))

    assert f"/uslugi/{validation.pk}/" in page
    assert f"/uslugi/{certification.pk}/" in page
    assert f"/uslugi/{other.pk}/" not in page


def test_bur_layout_carries_both_kinds_there_and_back():
    provider = ProviderFactory()
    actor = Actor.of(provider_staff_of(provider))
    for kind, title in (
        ("validation", "Walidacja rachunkowości"),
        ("certification", "Certyfikacja rachunkowości"),
    ):
        services.card_create(
            provider=provider,
            data=card_input(service_type=kind, title=title, qualification_code="DEMO-Q1"),
            actor=actor,
        )
    exported = json.loads(importexport.cards_export_bur(provider=provider))
    assert sorted(record["rodzajUslugi"] for record in exported["lista"]) == [
        "Usługa certyfikacji",
        "Usługa walidacji",
    ]
    # A provider's own file may write the shorter names.
    exported["lista"][0]["rodzajUslugi"] = "walidacja"
    exported["lista"][1]["rodzajUslugi"] = "CERTYFIKACJA"
    other = ProviderFactory()

    importexport.cards_import(
        provider=other,
        content=json.dumps(exported, ensure_ascii=False).encode(),
        filename="bur.json",
        actor=Actor.of(provider_staff_of(other)),
    )

    assert sorted(other.service_cards.values_list("service_type", "qualification_code")) == [
        ("certification", "DEMO-Q1"),
        ("validation", "DEMO-Q1"),
    ]


def test_the_new_kinds_have_polish_names():
    with translation.override("pl"):
        assert str(ServiceType.VALIDATION.label) == "walidacja efektów uczenia się"
        assert str(ServiceType.CERTIFICATION.label) == "certyfikacja"
