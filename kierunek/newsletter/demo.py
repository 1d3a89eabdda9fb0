"""Demo newsletter: four topics, a few hundred subscribers at demo addresses (partners, employers,
residents, with their consent records), an archive of three sent issues and a draft the officer
can preview, test and send. The demo participant and partner subscribe with their account's
address, so their account page shows a subscription. Subscribers and the sent issues' deliveries
are written in bulk (hundreds of confirmation e-mails would only flood the console); the issues
move through their workflow. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor

from . import domain, services
from .models import ConsentEvent, ConsentRecord, Delivery, DeliveryStatus, Issue, Subscriber, Topic
from .services.sending import recipients_of
from .workflows import ISSUE

SUBSCRIBERS = {"small": 300, "large": 3000}
TOPICS = [
    ("bony", "Bony i nabory", "Nabory na bony szkoleniowe, terminy i zasady programu."),
    ("partnerstwo", "Wieści z partnerstwa", "Co robią partnerstwa, ich rady i grupy robocze."),
    ("wydarzenia", "Wydarzenia", "Konferencje, warsztaty, webinaria i Dzień Uczenia się."),
    ("edukacja", "Edukacja i szkolenia", "Kształcenie ustawiczne, kwalifikacje, walidacja kompetencji."),
]
AUDIENCES = ["residents", "residents", "employers", "partners"]
SENT = [
    (
        95,
        "Nabór na bony szkoleniowe rusza 1 marca",
        "",
        ["bony"],
        "# Nowy nabór\n\nOd **1 marca** mieszkańcy Małopolski mogą składać wnioski o bony szkoleniowe.\n\n"
        "- do 20 bonów na osobę\n- szkolenia z katalogu usług\n- wkład własny od 10%\n\n"
        "Szczegóły: https://kierunek.example/programy/",
    ),
    (
        60,
        "Konferencja „Małopolska otwarta na wiedzę” — zapisy otwarte",
        "",
        ["wydarzenia", "partnerstwo"],
        "# Konferencja roczna\n\nZapraszamy na doroczną konferencję partnerstwa. "
        "Liczba miejsc jest ograniczona; po ich wyczerpaniu zapiszemy Cię na listę oczekujących.\n\nZapisy: https://kierunek.example/wydarzenia/",
    ),
    (
        25,
        "Oferta kadrowa powiatów dla inwestorów",
        "employers",
        ["partnerstwo", "edukacja"],
        "# Dla pracodawców\n\nPartnerstwo na rzecz obsługi inwestorów przygotowało _ofertę kadrową_ powiatów "
        "Małopolski: ludność w wieku produkcyjnym, absolwenci, zawody deficytowe.\n\n"
        "Znajdź instytucję, która pomoże: https://kierunek.example/partnerstwo/",
    ),
]
DRAFT = (
    "Dzień Uczenia się — 8 czerwca",
    ["wydarzenia", "edukacja"],
    "# Dzień Uczenia się\n\n8 czerwca instytucje partnerstwa otwierają drzwi: warsztaty, pokazy, porady.\n\n"
    "- bezpłatnie\n- w każdym powiecie\n\nProgram wkrótce na https://kierunek.example/wydarzenia/",
)


def planned(size: str) -> int:
    return 4


def _topics() -> dict[str, Topic]:
    topics = {}
    for position, (slug, name, description) in enumerate(TOPICS):
        topics[slug] = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )[0]
    return topics


@transaction.atomic
def _subscribers(count: int, topics: dict[str, Topic], people: list[User]) -> None:
    """Confirmed subscribers at demo addresses, each with the two records of a double opt-in."""
    wording = services.wording_current()
    now = timezone.now()
    slugs = list(topics)
    rows: list[tuple[str, str, list[str], User | None]] = []
    for n in range(count):
        chosen = [slugs[n % 4], slugs[(n * 7 + 1) % 4]] if n % 3 else [slugs[n % 4]]
        rows.append((f"subskrybent{n:04d}@{DEMO_DOMAIN}", AUDIENCES[n % 4], sorted(set(chosen)), None))
    rows += [
        (person.email, "residents" if person.role == Role.PARTICIPANT else "partners", slugs, person)
        for person in people
    ]
    made = Subscriber.objects.bulk_create(
        Subscriber(
            email=email,
            audience=audience,
            status=domain.CONFIRMED,
            confirmed_at=now - timedelta(days=120 - n % 100),
            user=user,
        )
        for n, (email, audience, _chosen, user) in enumerate(rows)
    )
    Through = Subscriber.topics.through
    Through.objects.bulk_create(
        Through(subscriber_id=s.pk, topic_id=topics[slug].pk)
        for s, row in zip(made, rows, strict=True)
        for slug in row[2]
    )
    records = []
    for s, (_email, audience, chosen, _user) in zip(made, rows, strict=True):
        confirmed_at = s.confirmed_at or now
        for event, minutes in ((ConsentEvent.REQUESTED, 10), (ConsentEvent.CONFIRMED, 0)):
            records.append(
                ConsentRecord(
                    subscriber=s,
                    event=event,
                    wording=wording,
                    occurred_at=confirmed_at - timedelta(minutes=minutes),
                    source="/newsletter/ (subscribe form)"
                    if event == ConsentEvent.REQUESTED
                    else "demo: confirmation link",
                    audience=audience,
                    topics=chosen,
                )
            )
    ConsentRecord.objects.bulk_create(records, batch_size=1000)


def _sent(
    officer: User,
    topics: dict[str, Topic],
    days_ago: int,
    subject: str,
    audience: str,
    slugs: list[str],
    body: str,
) -> None:
    """An archived issue: composed, sent to those subscribed then (deliveries in bulk), sent."""
    actor = Actor.of(officer)
    issue = services.issue_save(
        actor=actor,
        data=services.IssueData(
            subject=subject, body=body, audience=audience, topic_ids=[topics[s].pk for s in slugs]
        ),
    )
    with transaction.atomic():
        at = timezone.now() - timedelta(days=days_ago)
        issue.sending_started_at = at
        ISSUE.apply(issue, "send", actor=actor, fields=["sending_started_at"])
        Delivery.objects.bulk_create(
            (
                Delivery(issue=issue, subscriber_id=pk, status=DeliveryStatus.SENT, sent_at=at)
                for pk in recipients_of(issue).values_list("pk", flat=True)
            ),
            batch_size=1000,
        )
        issue.sent_at = at + timedelta(minutes=3)
        ISSUE.apply(issue, "finish", actor=SYSTEM, fields=["sent_at"])


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    if officer is None or Subscriber.objects.exists() or Issue.objects.exists():
        yield from ("skipped",) * 4
        return
    topics = _topics()
    yield "topics"
    people = list(
        User.objects.filter(
            email__in=[demo_email(Role.PARTICIPANT), demo_email(Role.PARTNER_STAFF)]
        ).order_by("email")
    )
    _subscribers(SUBSCRIBERS.get(size, SUBSCRIBERS["small"]), topics, people)
    yield "subscribers"
    for days_ago, subject, audience, slugs, body in SENT:
        _sent(officer, topics, days_ago, subject, audience, slugs, body)
    yield "archive"
    subject, slugs, body = DRAFT
    services.issue_save(
        actor=Actor.of(officer),
        data=services.IssueData(
            subject=subject, body=body, audience="", topic_ids=[topics[s].pk for s in slugs]
        ),
    )
    yield "draft"
