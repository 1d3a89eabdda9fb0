"""Recommendations from the real catalogue for a signed plan: candidates by category, keyword and
qualification; distance from the gminas of the participant's application; the voucher cost under
the rule in force on the start date; the quality mark; and the page that shows the reasons."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kierunek.catalogue.models import CardStatus
from kierunek.core.actor import Actor
from kierunek.guidance.recommendations import area_candidates, recommendations_for
from kierunek.guidance.services import plan as plan_services
from kierunek.quality.models import QualityMarkCase
from tests.accounts.factories import ParticipantFactory
from tests.catalogue.factories import ServiceCardFactory, category, gmina
from tests.guidance.builders import area_data, balance_ready_to_sign, signed_balance
from tests.programmes.helpers import submitted_application
from tests.qualifications.factories import qualification

pytestmark = pytest.mark.django_db

TARNOW, NOWY_SACZ, KRAKOW = "1263011", "1262011", "1261011"


def with_mark(provider):
    today = timezone.localdate()
    QualityMarkCase.objects.create(
        provider=provider,
        state="granted",
        created_by=provider.created_by,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=700),
    )
    return provider


@pytest.fixture
def commuter():
    """Lives in Nowy Sącz, works in Tarnów; eligible."""
    participant = ParticipantFactory()
    application = submitted_application(
        participant,
        today=timezone.localdate(),
        residence_gmina=gmina(NOWY_SACZ),
        work_gmina=gmina(TARNOW),
    )
    assert application.status == "eligible"
    return participant


def test_services_near_work_with_the_mark_come_first_with_their_reasons(commuter):
    balance = signed_balance(participant=commuter)
    in_tarnow = ServiceCardFactory(
        title="Angielski w Tarnowie", gmina=gmina(TARNOW), price_gross=30_000, price_net=30_000
    )
    with_mark(in_tarnow.provider)
    in_krakow = ServiceCardFactory(title="Angielski w Krakowie", gmina=gmina(KRAKOW))
    remote = ServiceCardFactory(title="Angielski zdalnie", delivery_form="remote_live", gmina=None, street="")
    ServiceCardFactory(title="Prawo jazdy B", category=category("driving_b"))
    ServiceCardFactory(
        title="Angielski — zapisy zamknięte",
        enrolment_deadline=timezone.localdate() - datetime.timedelta(days=1),
        starts_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    ServiceCardFactory(title="Angielski — szkic", status=CardStatus.DRAFT)
    ServiceCardFactory(title="Angielski — komplet", seats_taken=12)

    (result,) = recommendations_for(participant=commuter)
    titles = [item.card.title for item in result.services]

    assert titles == [in_tarnow.title, remote.title, in_krakow.title]
    first = result.services[0]
    assert first.reasons[:2] == ("in your work gmina", "holds the quality mark")
    assert first.top_up == 0
    assert f"covered by {first.vouchers} vouchers" in first.reasons
    assert first.vouchers == 20  # 300 zł at 15 zł a voucher, within the languages limit of 16 hours
    assert "remote, no travel" in result.services[1].reasons
    assert any(reason.endswith("km from your home or work gmina") for reason in result.services[2].reasons)
    assert result.package_vouchers == 180  # the general package of "Kierunek Kariera"
    assert balance.plan.areas.count() == 1


def test_keywords_find_services_in_other_categories(commuter):
    balance = balance_ready_to_sign(participant=commuter)
    qualification(code="DEMO-Q6", name="Prowadzenie księgowości")
    plan_services.area_save(
        balance_id=balance.pk,
        actor=Actor.of(balance.advisor),
        data=area_data(
            title="Arkusz kalkulacyjny",
            category_ids=[],
            qualification_code="DEMO-Q6",
            keywords="Excel, tabele przestawne",
            package_kind="vocational",
        ),
    )
    area = balance.plan.areas.get(title="Arkusz kalkulacyjny")
    excel = ServiceCardFactory(title="Excel zaawansowany: tabele przestawne", category=category("it_office"))
    accounting = ServiceCardFactory(
        title="Samodzielny księgowy",
        category=category("finance_accounting"),
        qualification_code="DEMO-Q6",
    )
    ServiceCardFactory(title="Kurs spawania", category=category("technical_welding"))

    found = {card.pk for card in area_candidates(area=area, today=timezone.localdate())}

    assert found == {excel.pk, accounting.pk}


def test_nothing_before_sign_off(commuter):
    balance_ready_to_sign(participant=commuter)
    ServiceCardFactory()
    assert recommendations_for(participant=commuter) == []


def test_the_page_shows_each_area_and_its_reasons(english, commuter):
    signed_balance(participant=commuter)
    card = ServiceCardFactory(title="Angielski B1 w Tarnowie", gmina=gmina(TARNOW), hours=Decimal("20.0"))
    english.force_login(commuter)

    page = english.get(reverse("guidance:recommendations"))

    assert page.status_code == 200
    assert "Język angielski w pracy".encode() in page.content
    assert card.title.encode() in page.content
    assert b"in your work gmina" in page.content


def test_once_issued_the_vouchers_left_bound_the_recommendations():
    """Given an issued general package with one booking made, when the recommendations are
    computed, then the area's limit is what is left of the package, not its size."""
    from tests.vouchers import builders as vb

    account = vb.issued_account()
    booking = vb.book(account)
    [area] = recommendations_for(participant=account.participant)
    assert area.package_vouchers == account.vouchers_issued - booking.vouchers


def test_a_card_declaring_more_hours_than_its_sessions_is_costed_by_its_sessions(commuter):
    """As a booking would charge it (the programme's hours rule): a card that declares 200 hours
    but schedules two 6-hour days costs the vouchers of 12 hours, not of 200."""
    signed_balance(participant=commuter)
    honest = ServiceCardFactory(title="Angielski — 12 godzin", hours=Decimal("12.0"), price_gross=500_000)
    inflated = ServiceCardFactory(title="Angielski — 200 godzin", hours=Decimal("12.0"), price_gross=500_000)
    type(inflated).objects.filter(pk=inflated.pk).update(hours=Decimal("200.0"))  # written around the form

    (result,) = recommendations_for(participant=commuter)
    costs = {item.card.pk: item.vouchers for item in result.services}

    assert costs[inflated.pk] == costs[honest.pk] == 24  # 12 hours x 2 vouchers an hour for languages
