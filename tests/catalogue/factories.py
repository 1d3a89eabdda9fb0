import datetime
from decimal import Decimal

import factory

from kierunek.catalogue.domain import HoursRules
from kierunek.catalogue.hooks import hours_rules_source
from kierunek.catalogue.models import CardStatus, Category, ServiceCard, ServiceSession
from kierunek.catalogue.search import card_index_update
from kierunek.geo.models import Gmina
from tests.providers.factories import ProviderFactory

KRAKOW = "1261011"


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def gmina(teryt: str) -> Gmina:
    return Gmina.objects.get(teryt=teryt)


def meetings_for(
    hours: Decimal, starts_on: datetime.date, ends_on: datetime.date, *, count: int = 2
) -> list[tuple[datetime.date, datetime.time, datetime.time]]:
    """At least ``count`` sessions from 9:00 on days spread from ``starts_on`` to ``ends_on``
    (the first and the last among them), at most 8 counted hours a day where the days allow, that
    give exactly ``hours`` under the programme's hours rule in force today, breaks included."""
    rules = hours_rules_source.on(datetime.date.today()) or HoursRules()
    total = int(Decimal(hours) * rules.hour_minutes * 60)
    span = (ends_on - starts_on).days
    number = min(max(count, -(-total // (8 * 3600))), span + 1)
    days = (
        [starts_on]
        if number == 1
        else [starts_on + datetime.timedelta(days=span * i // (number - 1)) for i in range(number)]
    )
    meetings = []
    for i, day in enumerate(days):
        counted = total // number + (1 if i < total % number else 0)
        length = counted + rules.break_minutes * 60 if counted > rules.break_after_minutes * 60 else counted
        start = datetime.datetime.combine(day, datetime.time(9))
        end = start + datetime.timedelta(seconds=length)
        if end.date() != day:
            raise ValueError(f"{hours} hours do not fit in the days from {starts_on} to {ends_on}.")
        meetings.append((day, start.time(), end.time()))
    return meetings


class ServiceCardFactory(factory.django.DjangoModelFactory):
    """A PUBLISHED card in Kraków with two sessions, indexed for search (card_index_update), as
    the provider's services leave it. Pass ``status`` for another state (it is indexed the same
    way: only a published card gets a search document), ``sessions=0`` for none, ``sessions=N``
    for at least N; the sessions give the card's hours under the programme's hours rule
    (:func:`meetings_for`)."""

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
        if not count:
            return
        for day, start, end in meetings_for(self.hours, self.starts_on, self.ends_on, count=count):
            ServiceSession.objects.create(
                card=self,
                date=day,
                start_time=start,
                end_time=end,
                place="https://spotkanie.example/k" if self.is_remote else f"{self.street}, {self.gmina}",
            )

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if create:
            card_index_update(card=self)
