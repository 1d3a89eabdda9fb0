"""Demo career guidance: the demo advisor (doradca@kierunek.example) publishes slots for the coming
weeks at the career centres and online; the demo participant (uczestnik@kierunek.example), once
the programmes' demo has made them eligible, has met the advisor and has a completed competence
balance with a signed development plan of two areas, waiting for their acknowledgement.

Runs after kierunek.programmes.demo. Everything after the first (past) meeting goes through the
real services, so the audit log and the constraints see demo data as they see real data."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import Category
from kierunek.core.actor import Actor
from kierunek.core.calendar import POLISH_HOLIDAYS
from kierunek.core.pdf import render_pdf
from kierunek.programmes.selectors import participant_is_eligible
from kierunek.qualifications.models import Qualification

from .domain import CompetenceDimension, PackageKind, PlanStatus, ProficiencyLevel, SlotMode, Stage
from .models import AdvisorSlot, Appointment, CareerCentre, Competence, CompetenceBalance, Occupation
from .services.balance import balance_stage_mark, balance_start
from .services.experiences import ExperienceData, StarData, experience_save, star_evidence_save
from .services.plan import AreaData, area_save, plan_sign, plan_update
from .services.portfolio import portfolio_file_add, portfolio_reference_add
from .services.profile import ProfileEntryData, profile_competence_save
from .services.slots import slots_publish

SLOT_DAYS = 15  # working days with slots, from the day after tomorrow
SLOT_TIMES = [(time(9), SlotMode.IN_PERSON), (time(10, 30), SlotMode.IN_PERSON), (time(13), SlotMode.ONLINE)]


def planned(size: str) -> int:
    return SLOT_DAYS + 1


def seed(*, size: str) -> Iterator[str]:
    advisor = User.objects.filter(email=demo_email(Role.ADVISOR), role=Role.ADVISOR).first()
    participant = User.objects.filter(email=demo_email(Role.PARTICIPANT), role=Role.PARTICIPANT).first()
    if advisor is None:
        yield from ("skipped",) * planned(size)
        return
    centres = list(CareerCentre.objects.filter(is_active=True).order_by("pk"))
    for day in _working_days(timezone.localdate() + timedelta(days=2), SLOT_DAYS):
        _slots_of_day(advisor, day, centres)
        yield "slots"
    if participant is not None and participant_is_eligible(user=participant):
        _balance(advisor, participant, centres[0] if centres else None)
    yield "balance"


def _working_days(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5 and day not in POLISH_HOLIDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


def _slots_of_day(advisor: User, day: date, centres: list[CareerCentre]) -> None:
    tz = timezone.get_current_timezone()
    centre = centres[day.toordinal() % len(centres)] if centres else None
    for start, mode in SLOT_TIMES:
        starts_at = datetime.combine(day, start, tzinfo=tz)
        if AdvisorSlot.objects.filter(advisor=advisor, starts_at=starts_at).exists():
            continue
        if mode == SlotMode.IN_PERSON and centre is None:
            continue
        slots_publish(
            actor=Actor.of(advisor),
            starts_at=starts_at,
            minutes=60,
            mode=mode,
            centre=centre if mode == SlotMode.IN_PERSON else None,
        )


def _competence(label: str) -> Competence | None:
    return Competence.objects.filter(label=label, is_active=True).first()


def _balance(advisor: User, participant: User, centre: CareerCentre | None) -> None:
    if CompetenceBalance.objects.filter(participant=participant).exists():
        return
    tz = timezone.get_current_timezone()
    met_on = timezone.localdate() - timedelta(days=7)
    with transaction.atomic():
        # The first meeting happened last week: written directly, as no service books the past.
        slot = AdvisorSlot.objects.create(
            advisor=advisor,
            starts_at=datetime.combine(met_on, time(9), tzinfo=tz),
            ends_at=datetime.combine(met_on, time(10, 30), tzinfo=tz),
            mode=SlotMode.IN_PERSON if centre else SlotMode.ONLINE,
            centre=centre,
        )
        Appointment.objects.create(slot=slot, participant=participant)

        balance = balance_start(participant_id=participant.pk, actor=Actor.of(advisor))
        experiences = [
            ExperienceData(
                kind="work",
                title="Specjalistka ds. administracji",
                organisation="Biuro rachunkowe w Krakowie",
                started_on=date(2015, 9, 1),
                ended_on=None,
                activities="Obsługa sekretariatu, zestawienia w arkuszu kalkulacyjnym, kontakt z klientami.",
            ),
            ExperienceData(
                kind="education",
                title="Technik ekonomista",
                organisation="Technikum Ekonomiczne w Krakowie",
                started_on=date(2004, 9, 1),
                ended_on=date(2008, 6, 30),
                activities="Matura i dyplom technika ekonomisty.",
            ),
            ExperienceData(
                kind="informal",
                title="Wolontariuszka — zbiórki żywności",
                organisation="Bank Żywności",
                started_on=date(2019, 1, 1),
                ended_on=None,
                activities="Organizacja zbiórek, grafik wolontariuszy.",
            ),
        ]
        office, *_ = [
            experience_save(balance_id=balance.pk, actor=Actor.of(advisor), data=data) for data in experiences
        ]
        teamwork = _competence("pracować w zespole") or Competence.objects.filter(is_transversal=True).first()
        spreadsheet = (
            _competence("posługiwać się oprogramowaniem do korzystania z arkuszy kalkulacyjnych")
            or Competence.objects.filter(is_digital=True, concept_type="skill").first()
        )
        english = _competence("posługiwać się językiem angielskim w mowie")
        chosen = [c for c in (teamwork, spreadsheet, english) if c is not None]
        star = star_evidence_save(
            balance_id=balance.pk,
            actor=Actor.of(advisor),
            data=StarData(
                situation="Przed końcem roku biuro miało dwa razy więcej dokumentów niż zwykle.",
                task="Trzeba było rozdzielić pracę w zespole pięciu osób.",
                action="Ułożyła grafik w arkuszu kalkulacyjnym i codziennie sprawdzała postępy.",
                result="Wszystkie deklaracje wysłano w terminie, bez nadgodzin.",
                competence_ids=[c.pk for c in chosen[:2]],
                experience_id=office.pk,
            ),
        )
        levels = [ProficiencyLevel.ADVANCED, ProficiencyLevel.INTERMEDIATE, ProficiencyLevel.BASIC]
        dimensions = [CompetenceDimension.SOCIAL, CompetenceDimension.SKILLS, CompetenceDimension.SKILLS]
        for competence, level, dimension in zip(chosen, levels, dimensions, strict=False):
            profile_competence_save(
                balance_id=balance.pk,
                actor=Actor.of(advisor),
                data=ProfileEntryData(
                    competence_id=competence.pk,
                    dimension=dimension,
                    level=level,
                    prk_level=None,
                    evidence="Wywiad behawioralny i referencje pracodawcy.",
                    star_ids=[star.pk] if level != ProficiencyLevel.BASIC else [],
                ),
            )
        certificate = render_pdf(
            title="Zaświadczenie o ukończeniu kursu",
            sections=[("Kurs", ["Arkusz kalkulacyjny — poziom podstawowy, 24 godziny."])],
            meta={"Uczestniczka": participant.get_full_name()},
        )
        portfolio_file_add(
            balance_id=balance.pk,
            title="Zaświadczenie z kursu arkusza kalkulacyjnego",
            description="Kurs ukończony w 2021 r.",
            upload=SimpleUploadedFile("zaswiadczenie.pdf", certificate, content_type="application/pdf"),
            actor=Actor.of(advisor),
        )
        portfolio_reference_add(
            balance_id=balance.pk,
            title="Referencje od pracodawcy",
            description="Rzetelność, organizacja pracy zespołu.",
            referee_name="Jan Kowalski, właściciel biura",
            referee_contact="biuro@example.com",
            actor=Actor.of(advisor),
        )
        for stage in (Stage.BIOGRAPHICAL, Stage.BEHAVIOURAL, Stage.PROFILE, Stage.PORTFOLIO):
            balance_stage_mark(balance_id=balance.pk, stage=stage, done=True, actor=Actor.of(advisor))

        occupation = Occupation.objects.filter(label="analityk biznesowy").first()
        plan_update(
            balance_id=balance.pk,
            summary=(
                "Mocne strony: organizacja pracy, współpraca, rzetelność. Do rozwinięcia: język angielski "
                "w pracy z klientem zagranicznym i zaawansowana analiza danych w arkuszu."
            ),
            target_occupation_id=occupation.pk if occupation else None,
            actor=Actor.of(advisor),
        )
        codes = dict(
            Category.objects.filter(code__in=["languages_english", "it_office", "it_data"]).values_list(
                "code", "pk"
            )
        )
        areas = [
            AreaData(
                title="Język angielski w pracy z klientem",
                gap="Zna angielski na poziomie A2; klienci biura coraz częściej piszą po angielsku.",
                goals="Osiągnąć poziom B1 i potwierdzić go egzaminem w ciągu roku.",
                package_kind=PackageKind.GENERAL,
                category_ids=[codes["languages_english"]] if "languages_english" in codes else [],
                keywords="angielski",
                priority=1,
            ),
            AreaData(
                title="Analiza danych w arkuszu kalkulacyjnym",
                gap="Zna podstawy arkusza; brakuje tabel przestawnych, makr i pracy z dużymi zestawieniami.",
                goals="Samodzielnie przygotowywać raporty dla klientów biura.",
                package_kind=PackageKind.VOCATIONAL,
                category_ids=[codes[code] for code in ("it_office", "it_data") if code in codes],
                keywords="Excel, tabele przestawne",
                priority=2,
                # The register's demo entry (qualifications seed before guidance), when it is there:
                # the participant sees how much of it her profile covers.
                qualification_code="DEMO-21" if Qualification.objects.filter(code="DEMO-21").exists() else "",
            ),
        ]
        for data in areas:
            area_save(balance_id=balance.pk, actor=Actor.of(advisor), data=data)
        plan = plan_sign(balance_id=balance.pk, actor=Actor.of(advisor))
        assert plan.status == PlanStatus.SIGNED
