"""The indicators on constructed data, with exact expected figures: participants by powiat, sex,
age and education; breakdowns that add up to the total; suppression; vouchers and money against
the ledger; the reconciliation catching a planted difference; the page, the files, the API and the
open data giving the same numbers."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone
from openpyxl import load_workbook

from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import TOTAL, Breakdown, Period, indicator_get
from kierunek.reports.domain import period_parse
from kierunek.reports.models import OpenDataFile
from kierunek.reports.opendata import opendata_refresh
from kierunek.reports.selectors import indicator_find, indicator_table
from kierunek.vouchers.models import Booking
from tests.programmes.helpers import TARNOW, gmina, submitted_application
from tests.vouchers import builders as vb

pytestmark = pytest.mark.django_db

KRAKOW, NOWY_SACZ = "1261011", "1262011"


@pytest.fixture
def three(settings):
    settings.KIERUNEK_DISCLOSURE_THRESHOLD = 3


def this_year():
    return period_parse(str(timezone.localdate().year))


def applicants():
    """6 women of Kraków born in 1990 (tertiary education), 4 men of Nowy Sącz born in 1960
    (upper secondary), 1 man of Tarnów born in 2000 (lower secondary)."""
    for _ in range(6):
        submitted_application(
            _person(date(1990, 5, 5), True), residence_gmina=gmina(KRAKOW), education_level=6
        )
    for _ in range(4):
        submitted_application(
            _person(date(1960, 5, 5), False), residence_gmina=gmina(NOWY_SACZ), education_level=3
        )
    submitted_application(_person(date(2000, 5, 5), False), residence_gmina=gmina(TARNOW), education_level=2)


def _person(born, female):
    from tests.accounts.factories import ParticipantFactory
    from tests.programmes.helpers import pesel_for

    return ParticipantFactory(profile=pesel_for(born, female=female))


def test_participants_by_powiat_sex_age_and_education(three):
    applicants()
    applied = indicator_get("programmes.applied")
    span = Period(this_year().start, this_year().end)
    assert list(applied.compute(span, None)) == [TOTAL]
    assert applied.compute(span, None)[TOTAL].value == 11
    by_powiat = {key: figure.value for key, figure in applied.compute(span, Breakdown.POWIAT).items()}
    assert by_powiat == {"1261": 6, "1262": 4, "1263": 1}
    by_sex = {key: figure.value for key, figure in applied.compute(span, Breakdown.SEX).items()}
    assert by_sex == {"F": 6, "M": 5}
    by_age = {key: f.value for key, f in applied.compute(span, Breakdown.AGE_BAND).items()}
    assert by_age == {"35-44": 6, "65+": 4, "25-34": 1}  # ages on the year's last day: 36, 66, 26
    by_education = {key: f.value for key, f in applied.compute(span, Breakdown.EDUCATION).items()}
    assert by_education == {"isced_5_8": 6, "isced_3_4": 4, "isced_0_2": 1}
    for breakdown in (
        Breakdown.POWIAT,
        Breakdown.SEX,
        Breakdown.AGE_BAND,
        Breakdown.EDUCATION,
        Breakdown.MONTH,
    ):
        assert sum(f.value for f in applied.compute(span, breakdown).values()) == 11, breakdown


def test_the_database_gives_each_participant_the_group_python_gives(monkeypatch):
    """The indicators counted by the database (``participant_group``) and those that group people
    in Python (``participant_groups``, in parts of IDS_PER_QUERY within the engines' limits on a
    statement's parameters: here parts of 2) put every participant in the same group: the newest
    of two applications, no application, no education level, a birthday on 29 February."""
    from kierunek.accounts.models import User
    from kierunek.programmes import indicators as programme_indicators
    from kierunek.programmes.models import Application
    from tests.accounts.factories import ParticipantFactory
    from tests.programmes.helpers import pesel_for

    applicants()
    moved = Application.objects.filter(residence_gmina__teryt=TARNOW).get()
    programme = moved.programme
    programme.pk = None
    programme.code = "drugi-nabor"
    programme.save()
    newer = Application.objects.get(pk=moved.pk)
    newer.pk = None
    newer.programme = programme
    newer.residence_gmina = gmina(KRAKOW)
    newer.education_level = None
    newer.employment_status = ""
    newer.submitted_at = moved.submitted_at + timedelta(days=1)
    newer.save()
    leap = ParticipantFactory(profile=pesel_for(date(2008, 2, 29), female=True))
    eve = ParticipantFactory(profile=pesel_for(date(2008, 2, 28)))
    people = [*set(Application.objects.values_list("participant_id", flat=True)), leap.pk, eve.pk]
    monkeypatch.setattr(programme_indicators, "IDS_PER_QUERY", 2)
    for span in (Period(date(2026, 1, 1), date(2026, 2, 28)), Period(this_year().start, this_year().end)):
        for breakdown in (
            Breakdown.POWIAT,
            Breakdown.GMINA,
            Breakdown.SEX,
            Breakdown.AGE_BAND,
            Breakdown.EDUCATION,
            Breakdown.LABOUR_STATUS,
        ):
            in_python = programme_indicators.participant_groups(people, breakdown, span)
            in_database = dict(
                User.objects.filter(pk__in=people)
                .annotate(group=programme_indicators.participant_group(breakdown, span, person="pk"))
                .values_list("pk", "group")
            )
            assert in_database == {person: in_python.get(person, "") for person in people}, breakdown
    groups = programme_indicators.participant_groups
    winter = Period(date(2026, 1, 1), date(2026, 2, 28))
    assert groups([leap.pk, eve.pk], Breakdown.AGE_BAND, winter) == {leap.pk: "0-17", eve.pk: "18-24"}
    assert groups([newer.participant_id], Breakdown.GMINA, winter) == {newer.participant_id: KRAKOW}
    assert groups([newer.participant_id], Breakdown.EDUCATION, winter) == {newer.participant_id: ""}


def test_the_table_hides_the_small_powiat_and_one_more_beside_the_total(three):
    applicants()
    table = indicator_table(indicator_find("programmes.applied"), this_year(), Breakdown.POWIAT)
    rows = {row.key: row for row in table.rows}
    assert rows["1263"].value is None
    assert rows["1263"].hidden == Hidden.PRIMARY
    # Tarnów alone (1) is under 3 beside a published total: the smallest other is hidden too.
    assert rows["1262"].value is None
    assert rows["1262"].hidden == Hidden.SECONDARY
    assert rows["1261"].value == 6
    assert table.total == 11
    assert [row.label for row in table.rows] == ["Kraków", "Nowy Sącz", "Tarnów"]


def test_vouchers_and_money_agree_with_the_ledger_and_a_planted_difference_is_caught(three):
    booking = vb.settled_booking()
    vb.issued_account()
    span = Period(date(2000, 1, 1), timezone.localdate())
    issued = indicator_get("vouchers.issued").compute(span, None)[TOTAL]
    assert issued.people == 2
    settled = indicator_get("vouchers.settled").compute(span, Breakdown.PROVIDER)
    assert settled == {booking.provider.nip: settled[booking.provider.nip]}
    assert settled[booking.provider.nip].value == booking.amount
    out = io.StringIO()
    call_command("reports_reconcile", stdout=out)
    assert "agree" in out.getvalue()

    # One more voucher written on the booking past the services: the ledger does not know it.
    Booking.objects.filter(pk=booking.pk).update(
        vouchers=F("vouchers") + 1, amount=F("amount") + F("voucher_unit")
    )
    with pytest.raises(CommandError):
        call_command("reports_reconcile", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_page_the_files_the_api_and_the_open_data_give_the_same_numbers(client, three):
    applicants()
    year = this_year().key
    query = {"wskaznik": "programmes.applied", "okres": year, "podzial": "powiat"}
    page = client.get("/raporty/", query)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kraków" in body
    assert "<svg" in body
    assert 'role="img"' in body
    partial = client.get("/raporty/", query, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert "Kraków" in partial.content.decode()

    csv_text = b"".join(client.get("/raporty/tabela.csv", query).streaming_content).decode("utf-8-sig")
    lines = [line.split(";") for line in csv_text.strip().splitlines()]
    assert ["Kraków", "1261", "6", ""] in lines
    assert lines[-1][2] == "11"

    workbook = load_workbook(io.BytesIO(client.get("/raporty/tabela.xlsx", query).getvalue()))
    values = list(workbook.active.iter_rows(values_only=True))
    assert ("Kraków", "1261", 6, None) in values or ("Kraków", "1261", 6, "") in values

    api = client.get(f"/api/v1/indicators/programmes.applied?period={year}&breakdown=powiat").json()
    assert api["total"] == 11
    assert {g["key"]: g["value"] for g in api["groups"]} == {"1261": 6, "1262": None, "1263": None}
    assert client.get("/api/v1/indicators/programmes.applied?period=2026-13").status_code == 422
    assert client.get("/api/v1/indicators/nothing.here").status_code == 404

    assert opendata_refresh() > 0
    stem = f"programmes-applied_{year}"
    data = json.loads(OpenDataFile.objects.get(name=f"{stem}.json").content)
    by_powiat = {r["group"]: r["value"] for r in data if r["breakdown"] == "powiat"}
    assert by_powiat == {"1261": 6, "1262": None, "1263": None}
    metadata = json.loads(OpenDataFile.objects.get(name=f"{stem}.metadata.json").content)
    assert metadata["license"] == "CC BY 4.0"
    assert [c["name"] for c in metadata["columns"]][:3] == ["indicator", "period", "breakdown"]
    assert metadata["temporal"]["start"].startswith(year)
    listing = client.get("/dane-otwarte/").content.decode()
    assert f"{stem}.csv" in listing
    download = client.get(f"/dane-otwarte/{stem}.csv")
    assert download.status_code == 200
    assert "1261" in download.content.decode("utf-8-sig")


def test_balances_begun_and_plans_signed_by_the_participants_groups():
    """Guidance's figures, counted by the database: the 6 women of Kraków and 4 men of Nowy Sącz
    began a balance this year; 3 of the women and 1 man have a signed plan; a plan not signed yet
    does not count."""
    from kierunek.accounts.models import Role
    from kierunek.guidance.models import CompetenceBalance, DevelopmentPlan, PlanStatus
    from kierunek.programmes.models import Application
    from tests.accounts.factories import StaffUserFactory

    applicants()
    advisor = StaffUserFactory(role=Role.ADVISOR)
    women = list(
        Application.objects.filter(residence_gmina__teryt=KRAKOW).values_list("participant", flat=True)
    )
    men = list(
        Application.objects.filter(residence_gmina__teryt=NOWY_SACZ).values_list("participant", flat=True)
    )
    signed = [*women[:3], men[0]]
    for person in [*women, *men]:
        balance = CompetenceBalance.objects.create(participant_id=person, advisor=advisor)
        if person in signed:
            DevelopmentPlan.objects.create(
                balance=balance, status=PlanStatus.SIGNED, signed_at=timezone.now(), signed_by=advisor
            )
        else:
            DevelopmentPlan.objects.create(balance=balance)
    span = Period(this_year().start, this_year().end)

    def by(key, breakdown):
        return {
            group: (f.value, f.people) for group, f in indicator_get(key).compute(span, breakdown).items()
        }

    assert by("guidance.balances_begun", None) == {TOTAL: (10, 10)}
    assert by("guidance.balances_begun", Breakdown.POWIAT) == {"1261": (6, 6), "1262": (4, 4)}
    assert by("guidance.plans_signed", Breakdown.SEX) == {"F": (3, 3), "M": (1, 1)}
    assert by("guidance.plans_signed", Breakdown.AGE_BAND) == {"35-44": (3, 3), "65+": (1, 1)}
    assert by("guidance.plans_signed", Breakdown.MONTH) == {f"{timezone.now():%Y-%m}": (4, 4)}
    earlier = Period(date(2000, 1, 1), this_year().start - timedelta(days=1))
    assert by("guidance.plans_signed", None) == {TOTAL: (4, 4)}
    assert by("guidance.plans_signed", Breakdown.POWIAT) == {"1261": (3, 3), "1262": (1, 1)}
    assert indicator_get("guidance.plans_signed").compute(earlier, None) == {}
