"""Demo Forum Edukacji: the demo people of the Metropolis, the gmina, the schools, the centre and a
partner as members; three topics; two meetings (events organised by the demo officer), the past one
with its minutes; one standard adopted and published after a consultation whose comments were all
answered, and one in consultation with a comment still waiting; the newsletter topic for education
staff. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.events.models import Audience, EventKind
from kierunek.events.services import EventData, event_create
from kierunek.newsletter.models import Topic
from kierunek.newsletter.services.office import TopicData, topic_save

from .models import Metropolis
from .models_forum import ForumTopic, MemberKind, Standard
from .selectors import gmina_of_staff, schools_of
from .services.forum import (
    comment_add,
    comment_answer,
    forum_meeting_save,
    forum_member_add,
    standard_draft,
    version_adopt,
    version_open_consultation,
    version_publish,
)

NEWSLETTER_TOPIC = (
    "edukacja",
    "Edukacja: dla kadry oświatowej",
    "Forum Edukacji, standardy, szkolenia nauczycieli, źródła finansowania",
)
TOPICS = [
    ("Doradztwo zawodowe w szkołach", "Standard współpracy szkół z pracodawcami i uczelniami."),
    ("Dobrostan uczniów", "Wsparcie psychologiczno-pedagogiczne w szkołach Metropolii."),
    ("Lokalne Ośrodki Wiedzy i Edukacji", "Jak prowadzić LOWE w gminach Metropolii."),
]
ADOPTED_TEXT = """1. Każda szkoła ponadpodstawowa ma roczny program doradztwa zawodowego uzgodniony z gminą.
2. Uczeń klasy siódmej i ósmej uczestniczy w co najmniej dwóch zajęciach z partnerem zewnętrznym w roku.
3. Szkoła raz w roku publikuje ofertę zajęć z partnerami w bazie Metropolii."""
CONSULTED_TEXT = """1. Szkoła wyznacza koordynatora dobrostanu uczniów.
2. Rada pedagogiczna co najmniej raz w roku omawia diagnozę potrzeb uczniów.
3. Gmina zapewnia dostęp do psychologa w wymiarze co najmniej 0,5 etatu na 300 uczniów."""
# A minimal valid PDF (the demo's minutes).
MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def planned(size: str) -> int:
    return 4


def _user(role: Role) -> User | None:
    return User.objects.filter(email=demo_email(role)).first()


def seed(*, size: str) -> Iterator[str]:
    metropolis = Metropolis.objects.order_by("pk").first()
    coordinator = _user(Role.METROPOLIS_STAFF)
    officer = _user(Role.OFFICER)
    if (
        metropolis is None
        or coordinator is None
        or officer is None
        or Standard.objects.filter(metropolis=metropolis).exists()
    ):
        yield from ("skipped",) * planned(size)
        return
    actor = Actor.of(coordinator)
    if not Topic.objects.filter(slug=NEWSLETTER_TOPIC[0]).exists():
        slug, name, description = NEWSLETTER_TOPIC
        topic_save(
            actor=Actor.of(officer),
            data=TopicData(slug=slug, name=name, description=description, position=20),
        )
    yield "newsletter topic"
    forum_member_add(
        actor=actor,
        metropolis=metropolis,
        user=coordinator,
        kind=MemberKind.METROPOLIS,
        organisation=metropolis.name,
    )
    for role, kind in (
        (Role.GMINA_STAFF, MemberKind.GMINA),
        (Role.SCHOOL_DIRECTOR, MemberKind.SCHOOL),
        (Role.TEACHER, MemberKind.SCHOOL),
        (Role.TRAINING_CENTRE_STAFF, MemberKind.PARTNER),
        (Role.PARTNER_STAFF, MemberKind.PARTNER),
    ):
        user = _user(role)
        if user is None:
            continue
        gmina = gmina_of_staff(user=user)
        schools = schools_of(user=user)
        organisation = (
            f"Gmina {gmina.name}"
            if gmina
            else schools[0].name
            if schools
            else "Ośrodek doskonalenia nauczycieli (demo)"
            if role == Role.TRAINING_CENTRE_STAFF
            else "Partner zewnętrzny (demo)"
        )
        forum_member_add(
            actor=actor,
            metropolis=metropolis,
            user=user,
            kind=kind,
            organisation=organisation,
            gmina=gmina or (schools[0].gmina if schools else None),
        )
    yield "forum members"
    topics = [ForumTopic.objects.create(metropolis=metropolis, title=t, description=d) for t, d in TOPICS]
    today = timezone.localdate()
    for days, title, agenda, minutes in (
        (
            -45,
            "Forum Edukacji: posiedzenie jesienne",
            "1. Otwarcie.\n2. Standard doradztwa zawodowego: przyjęcie.\n3. Diagnoza potrzeb szkoleniowych.",
            True,
        ),
        (
            30,
            "Forum Edukacji: posiedzenie zimowe",
            "1. Otwarcie.\n2. Konsultacje standardu dobrostanu uczniów.\n3. Wolne wnioski.",
            False,
        ),
    ):
        day = today + timedelta(days=days)
        starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
        event = event_create(
            actor=Actor.of(officer),
            data=EventData(
                title=title,
                kind=EventKind.MEETING,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                capacity=60,
                audience=Audience.PUBLIC,
                description="Posiedzenie Forum Edukacji Metropolii Krakowskiej (dane demonstracyjne).",
                gmina_teryt="1261011",
                address="ul. Basztowa 22, Kraków",
                organiser_label=metropolis.name,
            ),
        )
        forum_meeting_save(
            actor=actor,
            metropolis=metropolis,
            event=event,
            agenda=agenda,
            topics=topics[:2],
            minutes_file=SimpleUploadedFile("protokol.pdf", MINUTES_PDF, content_type="application/pdf")
            if minutes
            else None,
        )
    yield "forum meetings"
    members = {role: _user(role) for role in (Role.GMINA_STAFF, Role.SCHOOL_DIRECTOR, Role.TEACHER)}
    adopted = standard_draft(
        actor=actor,
        metropolis=metropolis,
        title="Standard doradztwa zawodowego w szkołach Metropolii",
        summary="Minimalny zakres doradztwa zawodowego w szkołach podstawowych i ponadpodstawowych.",
        text=ADOPTED_TEXT,
        topic=topics[0],
    )
    version_open_consultation(actor=actor, version=adopted, until=today)
    for role, text in (
        (Role.SCHOOL_DIRECTOR, "W punkcie 2 prosimy dopuścić zajęcia online z partnerem."),
        (Role.GMINA_STAFF, "Gmina potrzebuje wzoru programu rocznego."),
    ):
        if members[role] is not None:
            comment = comment_add(actor=Actor.of(members[role]), version_id=adopted.pk, text=text, section="")
            comment_answer(
                actor=actor,
                comment_id=comment.pk,
                answer="Uwzględniono: wzór i zajęcia online dodane do wytycznych.",
            )
    version_adopt(actor=actor, version=adopted)
    version_publish(actor=actor, version=adopted)
    consulted = standard_draft(
        actor=actor,
        metropolis=metropolis,
        title="Standard dobrostanu uczniów",
        summary="Wsparcie psychologiczno-pedagogiczne w szkołach gmin Metropolii.",
        text=CONSULTED_TEXT,
        topic=topics[1],
    )
    version_open_consultation(actor=actor, version=consulted, until=today + timedelta(days=30))
    if members[Role.TEACHER] is not None:
        comment_add(
            actor=Actor.of(members[Role.TEACHER]),
            version_id=consulted.pk,
            text="Koordynator dobrostanu powinien mieć zniżkę godzin.",
            section="1",
        )
    yield "standards"
