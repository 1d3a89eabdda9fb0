"""Demo teacher-training offer: a year of the centre's courses around today through the real
services (trainings, seminars, conferences, lectures, workshops and qualifying courses; some paid,
two full with a waiting list, the past ones with attendance and certificates), made-up teachers
of the demo schools who enrol (marked as demo data: their addresses end in the demo domain and
their schools are demo schools), the demo teacher enrolled in some (one completed with a
certificate, one on a waiting list), consultation slots, and two networks with meetings and
materials. The demo training-centre staff member manages it all. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.events import services as events_services

from .models import School, SchoolFunction, SchoolStaff
from .models_training import Enrolment, TrainingCourse
from .services import training as services

UNITS = 5
MCDN_ADDRESS = "ul. Lubelska 23"
KRAKOW = "1261011"
WIELICZKA = "1219053"
NIEPOLOMICE = "1219043"
SKAWINA = "1206113"
ONLINE = "https://spotkania.mcdn.example/pokoj"
INVOICE_NIP = "6762470055"  # made-up, with a valid check digit

# (title, form, days from today, hours, places, price in zł, subject, audience, sessions, topic)
OFFER: list[tuple[str, str, int, int, int, int, str, str, int, str]] = [
    (
        "Ocenianie kształtujące w praktyce szkolnej",
        "training",
        -290,
        6,
        20,
        0,
        "",
        "teachers",
        1,
        "dydaktyka",
    ),
    ("Konferencja: Szkoła w metropolii", "conference", -250, 6, 80, 0, "", "school_staff", 1, "edukacja"),
    (
        "Seminarium: prawo oświatowe dla dyrektorów",
        "seminar",
        -210,
        4,
        25,
        0,
        "",
        "directors",
        1,
        "zarządzanie",
    ),
    (
        "Warsztaty: matematyka przez gry",
        "workshop",
        -180,
        4,
        15,
        0,
        "matematyka",
        "teachers",
        1,
        "matematyka",
    ),
    ("Wykład: neurodydaktyka na co dzień", "lecture", -150, 2, 60, 0, "", "school_staff", 1, "dydaktyka"),
    ("Cyfrowe narzędzia w pracy nauczyciela", "training", -120, 12, 20, 250, "", "teachers", 3, "cyfryzacja"),
    ("Doradztwo zawodowe w klasach VII-VIII", "training", -90, 6, 20, 0, "", "teachers", 1, "doradztwo"),
    ("Warsztaty: edukacja ekologiczna w terenie", "workshop", -60, 5, 15, 0, "", "teachers", 1, "ekologia"),
    (
        "Pierwsza pomoc psychologiczna w szkole",
        "training",
        -40,
        6,
        25,
        150,
        "",
        "school_staff",
        1,
        "wychowanie",
    ),
    ("Seminarium: ewaluacja wewnętrzna", "seminar", -20, 4, 20, 0, "", "directors", 1, "zarządzanie"),
    (
        "Sztuczna inteligencja na lekcjach informatyki",
        "workshop",
        6,
        6,
        3,
        0,
        "informatyka",
        "teachers",
        1,
        "cyfryzacja",
    ),
    ("Tutoring szkolny: wprowadzenie", "training", 10, 8, 3, 0, "", "teachers", 2, "wychowanie"),
    (
        "Kurs kwalifikacyjny: doradztwo zawodowe",
        "qualifying_course",
        18,
        210,
        25,
        2400,
        "",
        "teachers",
        6,
        "doradztwo",
    ),
    (
        "Konferencja: Forum nauczycieli Metropolii",
        "conference",
        25,
        6,
        120,
        0,
        "",
        "school_staff",
        1,
        "edukacja",
    ),
    (
        "Matematyka w klasach 4-6: rozumowanie i argumentacja",
        "training",
        32,
        6,
        20,
        0,
        "matematyka",
        "teachers",
        2,
        "matematyka",
    ),
    ("Wykład: uczeń z doświadczeniem migracji", "lecture", 40, 2, 80, 0, "", "school_staff", 1, "wychowanie"),
    (
        "Warsztaty: programowanie z robotami",
        "workshop",
        48,
        5,
        16,
        120,
        "informatyka",
        "teachers",
        1,
        "cyfryzacja",
    ),
    ("Seminarium: budżet szkoły i zamówienia", "seminar", 55, 4, 30, 0, "", "directors", 1, "zarządzanie"),
    ("Edukacja włączająca: dostosowanie wymagań", "training", 63, 8, 25, 0, "", "teachers", 2, "wychowanie"),
    (
        "Kurs kwalifikacyjny: oligofrenopedagogika",
        "qualifying_course",
        75,
        270,
        25,
        3200,
        "",
        "teachers",
        8,
        "edukacja specjalna",
    ),
    (
        "Warsztaty: czytanie ze zrozumieniem",
        "workshop",
        84,
        4,
        18,
        0,
        "język polski",
        "teachers",
        1,
        "język polski",
    ),
    ("Wykład: zdrowie psychiczne nauczyciela", "lecture", 98, 2, 100, 0, "", "school_staff", 1, "wychowanie"),
    ("Projekt edukacyjny krok po kroku", "training", 112, 6, 20, 0, "", "teachers", 1, "dydaktyka"),
    (
        "Konferencja: Cyfrowa szkoła Małopolski",
        "conference",
        130,
        6,
        150,
        0,
        "",
        "school_staff",
        1,
        "cyfryzacja",
    ),
    ("Doświadczenia w nauczaniu fizyki", "workshop", 150, 5, 15, 90, "fizyka", "teachers", 1, "przyroda"),
    (
        "Seminarium: awans zawodowy nauczycieli",
        "seminar",
        170,
        3,
        40,
        0,
        "",
        "school_staff",
        1,
        "zarządzanie",
    ),
    ("Trening umiejętności wychowawczych", "training", 200, 12, 20, 300, "", "teachers", 3, "wychowanie"),
    ("Wykład: historia lokalna w szkole", "lecture", 230, 2, 60, 0, "historia", "teachers", 1, "historia"),
    (
        "Warsztaty: matura z matematyki 2027",
        "workshop",
        260,
        4,
        20,
        0,
        "matematyka",
        "teachers",
        1,
        "matematyka",
    ),
    ("Język angielski: metoda CLIL", "training", 300, 8, 20, 180, "język angielski", "teachers", 2, "języki"),
]

KURSANCI = [
    ("Agnieszka", "Wrona", "matematyka, fizyka"),
    ("Tomasz", "Kruk", "informatyka, technika"),
    ("Barbara", "Sowa", "język polski"),
    ("Marek", "Szpak", "historia, wos"),
    ("Ewa", "Czajka", "biologia, przyroda"),
    ("Paweł", "Dudek", "matematyka, informatyka"),
    ("Joanna", "Gil", "język angielski"),
    ("Krzysztof", "Zięba", "wychowanie fizyczne"),
    ("Magdalena", "Kos", "edukacja wczesnoszkolna"),
    ("Piotr", "Sikora", "informatyka"),
    ("Anna", "Szczygieł", "chemia, przyroda"),
    ("Michał", "Drozd", "geografia"),
]


def planned(size: str) -> int:
    return UNITS


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _kursanci() -> list[User]:
    """Made-up teachers of the demo schools (no password: nobody logs in as them)."""
    schools = list(School.objects.filter(is_demo=True).order_by("rspo"))
    if not schools:
        return []
    people = []
    unusable = make_password(None)
    for number, (first, last, subjects) in enumerate(KURSANCI, start=1):
        email = f"nauczyciel{number:02d}.mcdn@{DEMO_DOMAIN}"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "role": Role.TEACHER, "password": unusable},
        )
        if created:
            SchoolStaff.objects.create(
                user=user,
                school=schools[(number * 5) % len(schools)],
                function=SchoolFunction.TEACHER,
                subjects=subjects,
                since=date(2018, 9, 1),
            )
        people.append(user)
    return people


# The diagnosis topic the demo's topic areas count for on the gap map (none for the general ones).
NEED_TOPICS = {
    "cyfryzacja": "digital",
    "informatyka": "digital",
    "doradztwo": "career",
    "edukacja specjalna": "special_needs",
    "wychowanie": "wellbeing",
    "dydaktyka": "assessment",
    "matematyka": "stem",
    "zarządzanie": "leadership",
}


def _publish(
    staff: User, row: tuple[str, str, int, int, int, int, str, str, int, str], today: date
) -> TrainingCourse:
    title, form, days, hours, places, price, subject, audience, sessions, topic = row
    day = today + timedelta(days=days)
    start, end = _at(day, 15), _at(day, 15 + min(hours, 6))
    online = form == "lecture"
    place = {"gmina_teryt": KRAKOW, "address": MCDN_ADDRESS}
    if len(title) % 3 == 0:
        place = {"gmina_teryt": WIELICZKA, "address": "ul. Szkolna 10"}
    meetings: tuple[events_services.SessionData, ...] = ()
    if sessions > 1:
        meetings = tuple(
            events_services.SessionData(
                title=f"Spotkanie {n + 1}",
                starts_at=start + timedelta(weeks=n),
                ends_at=end + timedelta(weeks=n),
            )
            for n in range(sessions)
        )
        end = meetings[-1].ends_at
    return services.course_publish(
        actor=Actor.of(staff),
        data=services.CourseData(
            title=title,
            form=form,
            starts_at=start,
            ends_at=end,
            capacity=places,
            description="Oferta Małopolskiego Centrum Doskonalenia Nauczycieli dla szkół Metropolii "
            "Krakowskiej (dane demonstracyjne).",
            online_url=ONLINE if online else "",
            gmina_teryt="" if online else place["gmina_teryt"],
            address="" if online else place["address"],
            audience=audience,
            members_only=form != "conference",
            subject=subject,
            topic=topic,
            need_topic=NEED_TOPICS.get(topic, ""),
            hours=hours,
            price_grosze=price * 100,
            sessions=meetings,
        ),
        is_demo=True,
    )


def _enrol(course: TrainingCourse, person: User, *, now: datetime) -> Enrolment | None:
    post = person.school_posts.select_related("school").first()
    if post is None or services.audience_refusal(course=course, user=person, school_id=post.school_id):
        return None
    invoice = None
    if course.is_paid:
        invoice = services.InvoiceDetails(
            name=post.school.name, nip=INVOICE_NIP, address=f"ul. Szkolna 1, {post.school.gmina.name}"
        )
    return services.enrolment_create(
        actor=Actor.of(person), course_id=course.pk, school_id=post.school_id, invoice=invoice, now=now
    )


def _completed(course: TrainingCourse, enrolments: list[Enrolment], staff: User) -> None:
    """The course took place: everybody but one made-up teacher came, and got a certificate."""
    event = course.event
    absent = enrolments[1] if len(enrolments) > 2 else None
    for enrolment in enrolments:
        assert enrolment.registration is not None
        if enrolment is absent:
            continue
        if enrolment.registration.status != "confirmed":
            continue
        events_services.attendee_check_in(
            actor=Actor.of(staff),
            event_id=event.pk,
            code=enrolment.registration.ticket_code,
            now=event.starts_at + timedelta(minutes=10),
        )
    events_services.certificates_issue(
        actor=Actor.of(staff), event_id=event.pk, now=event.ends_at + timedelta(days=1)
    )


def seed(*, size: str) -> Iterator[str]:
    staff = User.objects.filter(email=demo_email(Role.TRAINING_CENTRE_STAFF)).first()
    teacher = User.objects.filter(email=demo_email(Role.TEACHER)).first()
    director = User.objects.filter(email=demo_email(Role.SCHOOL_DIRECTOR)).first()
    if staff is None or TrainingCourse.objects.filter(is_demo=True).exists():
        yield from ("skipped",) * UNITS
        return
    today = timezone.localdate()
    kursanci = _kursanci()
    learners = [p for p in (teacher, director) if p is not None and p.school_posts.exists()]
    yield "teachers"

    courses = [_publish(staff, row, today) for row in OFFER]
    yield "courses"

    for index, course in enumerate(courses):
        starts = course.event.starts_at
        before = starts - timedelta(days=14)
        people = (
            [*kursanci[index % 4 :], *learners]
            if course.event.capacity <= 3
            else kursanci[index % 5 : index % 5 + 6]
        )
        made = []
        for n, person in enumerate(people):
            enrolment = _enrol(course, person, now=before + timedelta(minutes=n))
            if enrolment is not None:
                made.append(enrolment)
        # The demo teacher: two completed courses with certificates, some coming ones.
        if teacher in learners and course.event.capacity > 3 and index in (3, 5, 14, 16, 28):
            mine = _enrol(course, teacher, now=before + timedelta(hours=2))
            if mine is not None:
                made.append(mine)
        if director is not None and director in learners and course.audience == "directors":
            mine = _enrol(course, director, now=before + timedelta(hours=3))
            if mine is not None:
                made.insert(0, mine)
        if course.event.ends_at < timezone.now():
            _completed(course, made, staff)
        elif course.event.capacity <= 3 and index % 2 == 1 and made:
            # A place freed in a full course: offered to the first person waiting.
            services.enrolment_cancel(
                actor=Actor.of(made[0].teacher), enrolment_id=made[0].pk, now=before + timedelta(days=1)
            )
    yield "enrolments"

    for day_offset in range(3, 40, 3):
        day = today + timedelta(days=day_offset)
        if day.weekday() >= 5:
            continue
        for hour in (14, 15):
            services.slot_publish(
                actor=Actor.of(staff),
                topic="Konsultacje metodyczne" if hour == 14 else "Awans zawodowy i ewaluacja",
                starts_at=_at(day, hour),
                ends_at=_at(day, hour, 45),
                place=f"MCDN, {MCDN_ADDRESS}, Kraków, pokój 12",
                is_demo=True,
            )
    if teacher is not None and teacher in learners:
        from .selectors_training import slots_open

        first = slots_open().first()
        if first is not None:
            services.consultation_book(
                actor=Actor.of(teacher),
                slot_id=first.pk,
                question="Plan pracy z uczniem zdolnym z matematyki.",
            )
    yield "consultations"

    for name, kind, description, members in (
        (
            "Sieć współpracy nauczycieli matematyki Metropolii",
            "cooperation",
            "Nauczyciele matematyki szkół podstawowych dzielą się scenariuszami i zadaniami.",
            [*kursanci[:6], *([teacher] if teacher in learners else [])],
        ),
        (
            "Sieć samokształcenia: cyfrowa szkoła",
            "self_learning",
            "Wspólne uczenie się narzędzi cyfrowych i sztucznej inteligencji w szkole.",
            kursanci[4:10],
        ),
    ):
        network = services.network_create(
            actor=Actor.of(staff), name=name, kind=kind, description=description, is_demo=True
        )
        for person in members:
            if person is not None:
                services.network_join(actor=Actor.of(person), network_id=network.pk)
        for n, offset in enumerate((-45, -10, 20)):
            services.network_meeting_add(
                actor=Actor.of(staff),
                network_id=network.pk,
                title=f"Spotkanie sieci nr {n + 1}",
                starts_at=_at(today + timedelta(days=offset), 16),
                place="MCDN, sala 3" if n % 2 == 0 else ONLINE,
                agenda="Przegląd materiałów; wymiana doświadczeń; plan kolejnego spotkania.",
            )
        services.network_material_add(
            actor=Actor.of(staff),
            network_id=network.pk,
            title="Podstawa programowa (materiał zewnętrzny)",
            url="https://podstawaprogramowa.pl/",
        )
        if members and members[0] is not None:
            services.network_material_add(
                actor=Actor.of(members[0]),
                network_id=network.pk,
                title="Zestaw zadań do pracy w grupach (demo)",
                url="https://zadania.mcdn.example/zestaw-1",
            )
    yield "networks"
