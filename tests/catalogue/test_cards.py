"""Providers create, edit, publish, cancel and complete their own service cards."""

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kierunek.accounts.models import Role
from kierunek.catalogue import services
from kierunek.catalogue.domain import CardInput, SessionInput, card_problems, dedupe_key
from kierunek.catalogue.models import CardRevision, SearchDocument, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.providers.models import ProviderStatus
from tests.accounts.factories import ParticipantFactory
from tests.providers.factories import ProviderFactory, provider_staff_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)
START = TODAY + timedelta(days=30)


def card_input(**overrides) -> CardInput:
    data = CardInput(
        title="Księgowość dla początkujących",
        category_code="finance_accounting",
        service_type="training",
        delivery_form="in_person",
        goal="Przygotowanie do pracy w dziale księgowości.",
        learning_outcomes="Uczestnik księguje dokumenty i sporządza deklaracje VAT.",
        programme="Dzień 1: podstawy. Dzień 2: VAT.",
        target_group="Osoby dorosłe bez doświadczenia w księgowości.",
        hours=Decimal("16"),
        price_net=150_000,
        price_gross=184_500,
        min_participants=5,
        max_participants=12,
        enrolment_deadline=START - timedelta(days=7),
        gmina_teryt="1261011",
        street="ul. Długa 1",
        sessions=(
            # 8 hours a day: 8.5 hours less the 30-minute break of Kierunek Kariera's hours rule
            SessionInput(START, time(9), time(17, 30), "sala 12"),
            SessionInput(START + timedelta(days=1), time(9), time(17, 30), "sala 12"),
        ),
    )
    return replace(data, **overrides)


@pytest.fixture
def provider():
    return ProviderFactory()


@pytest.fixture
def staff(provider):
    return provider_staff_of(provider)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"hours": Decimal(0)}, "hours"),
        ({"price_gross": 100}, "price_gross"),
        ({"max_participants": 2}, "max_participants"),
        ({"sessions": ()}, "sessions"),
        ({"sessions": (SessionInput(START, time(17), time(9), "sala"),)}, "sessions"),
        ({"enrolment_deadline": START + timedelta(days=1)}, "enrolment_deadline"),
        ({"gmina_teryt": "", "outside_region_address": ""}, "gmina"),
        ({"street": ""}, "street"),
        (
            {"delivery_form": "remote_live", "gmina_teryt": "", "technical_requirements": ""},
            "technical_requirements",
        ),
    ],
)
def test_card_rules_name_the_field(overrides, field):
    assert field in card_problems(card_input(**overrides))


def test_a_complete_card_has_no_problems():
    assert card_problems(card_input()) == {}


def test_same_title_dates_and_place_is_the_same_service():
    key = dedupe_key(
        title="Księgowość  dla Początkujących", starts_on=START, ends_on=START, place="1261011 ul. Długa 1"
    )
    assert key == dedupe_key(
        title="ksiegowosc dla poczatkujacych", starts_on=START, ends_on=START, place="1261011 UL. DŁUGA 1"
    )
    assert key != dedupe_key(
        title="Księgowość dla początkujących", starts_on=START, ends_on=START, place="1263011 ul. Długa 1"
    )


class TestLifecycle:
    def test_create_publish_and_index(self, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        assert card.status == "draft"
        assert card.starts_on == START
        assert card.ends_on == START + timedelta(days=1)
        assert card.sessions.count() == 2
        assert not SearchDocument.objects.filter(card=card).exists()  # drafts are not searchable

        services.card_publish(card=card, actor=Actor.of(staff), today=TODAY)

        card.refresh_from_db()
        assert card.status == "published"
        assert SearchDocument.objects.filter(card=card).exists()
        assert {"catalogue.card_created", "catalogue.card_published"} <= set(
            AuditEvent.objects.values_list("action", flat=True)
        )

    def test_only_an_approved_provider_publishes(self, staff, provider):
        provider.status = ProviderStatus.PENDING
        provider.save()
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        with pytest.raises(PermissionDenied):
            services.card_publish(card=card, actor=Actor.of(staff), today=TODAY)
        card.refresh_from_db()
        assert card.status == "draft"

    def test_changes_after_publication_are_history(self, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        services.card_update(card=card, data=card_input(price_gross=190_000), actor=Actor.of(staff))
        assert not CardRevision.objects.exists()  # a draft has no public history
        services.card_publish(card=card, actor=Actor.of(staff), today=TODAY)

        services.card_update(
            card=card, data=card_input(price_gross=200_000, max_participants=10), actor=Actor.of(staff)
        )

        revision = CardRevision.objects.get()
        assert revision.changes["price_gross"] == ["190000", "200000"]
        assert revision.changes["max_participants"] == ["12", "10"]
        assert AuditEvent.objects.filter(action="catalogue.card_changed").exists()

    def test_duplicate_is_refused_and_the_database_agrees(self, provider, staff):
        services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        with pytest.raises(ValidationError) as refused:
            services.card_create(
                provider=provider,
                data=card_input(title="KSIĘGOWOŚĆ dla początkujących"),
                actor=Actor.of(staff),
            )
        assert "title" in refused.value.message_dict
        assert ServiceCard.objects.count() == 1
        card = ServiceCard.objects.get()
        copy = ServiceCard.objects.get(pk=card.pk)
        copy.pk = None
        with pytest.raises(IntegrityError), transaction.atomic():
            copy.save()

    def test_another_provider_may_offer_the_same_service(self, provider, staff):
        other = ProviderFactory()
        services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        services.card_create(provider=other, data=card_input(), actor=Actor.of(provider_staff_of(other)))
        assert ServiceCard.objects.count() == 2

    def test_cancelled_card_leaves_the_index_and_frees_its_key(self, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        services.card_publish(card=card, actor=Actor.of(staff), today=TODAY)
        with pytest.raises(ValidationError):
            services.card_cancel(card=card, actor=Actor.of(staff), reason="")
        services.card_cancel(card=card, actor=Actor.of(staff), reason="Za mało chętnych.")
        card.refresh_from_db()
        assert card.status == "cancelled"
        assert not SearchDocument.objects.filter(card=card).exists()
        services.card_create(
            provider=provider, data=card_input(), actor=Actor.of(staff)
        )  # may be offered again

    def test_complete_only_after_the_last_session(self, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        services.card_publish(card=card, actor=Actor.of(staff), today=TODAY)
        with pytest.raises(ValidationError):
            services.card_complete(card=card, actor=Actor.of(staff), today=START)
        services.card_complete(card=card, actor=Actor.of(staff), today=START + timedelta(days=1))
        card.refresh_from_db()
        assert card.status == "completed"
        with pytest.raises(ValidationError):
            services.card_update(card=card, data=card_input(), actor=Actor.of(staff))

    def test_staff_of_another_provider_cannot_touch_the_card(self, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        stranger = provider_staff_of(ProviderFactory())
        for call in (
            lambda: services.card_update(card=card, data=card_input(title="X"), actor=Actor.of(stranger)),
            lambda: services.card_publish(card=card, actor=Actor.of(stranger), today=TODAY),
            lambda: services.card_cancel(card=card, actor=Actor.of(stranger), reason="x"),
        ):
            with pytest.raises(PermissionDenied):
                call()
        card.refresh_from_db()
        assert (card.title, card.status) == ("Księgowość dla początkujących", "draft")


class TestPages:
    def form_data(self, **overrides):
        data = {
            "title": "Kurs programowania w Pythonie",
            "category": "",
            "service_type": "training",
            "delivery_form": "remote_live",
            "goal": "Nauka programowania.",
            "learning_outcomes": "Uczestnik pisze proste programy.",
            "programme": "Zmienne, pętle, funkcje.",
            "target_group": "Dorośli.",
            "participation_conditions": "",
            "technical_requirements": "Komputer z przeglądarką i mikrofonem.",
            "hours": "3",
            "gmina": "",
            "street": "",
            "outside_region_address": "",
            "price_net": "2000,00",
            "price_gross": "2460,00",
            "min_participants": "4",
            "max_participants": "15",
            "enrolment_deadline": (START - timedelta(days=3)).isoformat(),
            "market_qualification": "",
            "sessions-TOTAL_FORMS": "3",
            "sessions-INITIAL_FORMS": "0",
            "sessions-MIN_NUM_FORMS": "1",
            "sessions-MAX_NUM_FORMS": "60",
            "sessions-0-date": START.isoformat(),
            "sessions-0-start_time": "17:00",
            "sessions-0-end_time": "20:00",
            "sessions-0-place": "https://spotkanie.example/python",
        }
        data.update(overrides)
        return data

    def test_provider_adds_publishes_and_lists_a_card(self, client, login_staff, provider, staff):
        from kierunek.catalogue.models import Category

        login_staff(client, staff)
        data = self.form_data(category=Category.objects.get(code="it_programming").pk)

        response = client.post("/instytucja/uslugi/nowa/", data)

        assert response.status_code == 302, response.content.decode()[:3000]
        card = ServiceCard.objects.get()
        assert card.price_gross == 246_000
        assert card.gmina is None
        client.post(f"/instytucja/uslugi/{card.pk}/publikuj/")
        card.refresh_from_db()
        assert card.status == "published"
        listing = client.get("/instytucja/uslugi/").content.decode()
        assert "Kurs programowania w Pythonie" in listing
        assert "2460,00" in listing.replace("\xa0", " ").replace(" ", "")

    def test_errors_are_shown_and_nothing_is_written(self, client, login_staff, staff):
        login_staff(client, staff)
        response = client.post("/instytucja/uslugi/nowa/", self.form_data(technical_requirements=""))
        assert response.status_code == 200
        assert not ServiceCard.objects.exists()

    def test_other_roles_and_other_providers_are_kept_out(
        self, client, login_staff, staff_client, provider, staff
    ):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        stranger = provider_staff_of(ProviderFactory())
        login_staff(client, stranger)
        assert client.get(f"/instytucja/uslugi/{card.pk}/").status_code == 404
        assert client.post(f"/instytucja/uslugi/{card.pk}/publikuj/").status_code == 404
        assert "Księgowość" not in client.get("/instytucja/uslugi/").content.decode()
        client.logout()
        client.force_login(ParticipantFactory())
        assert client.get("/instytucja/uslugi/").status_code == 403
        client.logout()
        officer_client, _officer = staff_client(Role.OFFICER)
        assert officer_client.get(f"/instytucja/uslugi/{card.pk}/").status_code == 403
        card.refresh_from_db()
        assert card.status == "draft"

    def test_drafts_are_invisible_to_the_public(self, client, provider, staff):
        card = services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
        assert client.get(f"/uslugi/{card.pk}/").status_code == 404
        assert client.get(f"/api/v1/services/{card.pk}").status_code == 404
