import datetime
from decimal import Decimal

import factory

from kierunek.catalogue.models import CardStatus, Category, ServiceCard, ServiceSession
from kierunek.catalogue.search import card_index_update
from kierunek.geo.models import Gmina
from tests.providers.factories import ProviderFactory

KRAKOW = "1261011"


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def gmina(teryt: str) -> Gmina:
    return Gmina.objects.get(teryt=teryt)


class ServiceCardFactory(factory.django.DjangoModelFactory):
    """A PUBLISHED card in Kraków with two sessions, indexed for search (card_index_update), as
    the provider's services leave it. Pass ``status`` for another state (it is indexed the same
    way: only a published card gets a search document), ``sessions=0`` for none."""

    class Meta:
        model = ServiceCard
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Usługa rozwojowa {n}")
    category = factory.LazyFunction(lambda: category("languages_english"))
    service_type = "training"
    delivery_form = "in_person"
    goal = "Uczestnik rozwija umiejętności potrzebne w pracy."
    learning_outcomes = "Uczestnik potrafi zastosować poznane metody."
    programme = "1. Wprowadzenie\n2. Ćwiczenia\n3. Podsumowanie"
    target_group = "Osoby dorosłe z Małopolski"
    hours = Decimal("16.0")
    gmina = factory.LazyFunction(lambda: gmina(KRAKOW))
    street = "ul. Floriańska 10"
    price_net = 100_000
    price_gross = 123_000
    min_participants = 1
    max_participants = 12
    seats_taken = 0
    starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda card: card.starts_on + datetime.timedelta(days=7))
    enrolment_deadline = factory.LazyAttribute(lambda card: card.starts_on - datetime.timedelta(days=3))
    status = CardStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    dedupe_key = factory.Sequence(lambda n: f"factory-{n:08d}")
    created_by = factory.LazyAttribute(lambda card: card.provider.created_by)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        count = 2 if extracted is None else extracted
        days = [self.starts_on, self.ends_on] if count == 2 else [self.starts_on] * count
        for day in days:
            ServiceSession.objects.create(
                card=self,
                date=day,
                start_time=datetime.time(9, 0),
                end_time=datetime.time(15, 0),
                place="https://spotkanie.example/k" if self.is_remote else f"{self.street}, {self.gmina}",
            )

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            card_index_update(card=self)
