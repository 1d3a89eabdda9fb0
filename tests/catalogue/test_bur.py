"""Service cards in the national services register's (BUR's) layout: a realistic BUR file becomes
drafts; every problem of every record is named by BUR's own field, and nothing is written when
any record fails (directly and through the import job); our cards exported in BUR's layout import
back to the same cards; the file is untrusted input; a provider imports and exports only its own
catalogue, on the page and through the API."""

import copy
import json
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kierunek.accounts.services import api_token_create
from kierunek.catalogue import bur, import_jobs, importexport, services
from kierunek.catalogue.domain import SessionInput
from kierunek.catalogue.models import ImportJob, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.accounts.factories import ParticipantFactory
from tests.catalogue.factories import ServiceCardFactory
from tests.catalogue.test_cards import START, card_input
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.qualifications.factories import qualification

pytestmark = pytest.mark.django_db

KRAKOW, TARNOW_TOWN = "1261011", "1263011"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def provider():
    return ProviderFactory()


@pytest.fixture(autouse=True)
def _zrk_qualification():
    """The register knows the ZRK code the tests' cards lead to (a card may name only a code of the
    register: tests/qualifications/test_catalogue_link.py)."""
    qualification(code="1074", name="Spawanie blach spoinami pachwinowymi metodą MAG")
    qualification(code="ELE.02", name="Montaż, uruchamianie i konserwacja instalacji elektrycznych")


def example() -> dict:
    return json.loads(bur.example_file(today=timezone.localdate()))


def as_file(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def import_bur(provider, data, **kwargs):
    return importexport.cards_import(
        provider=provider,
        content=as_file(data),
        filename="uslugi-z-bur.json",
        actor=Actor.of(provider_staff_of(provider)),
        **kwargs,
    )


def refusal(provider, data, **kwargs) -> list[tuple[int, str]]:
    with pytest.raises(importexport.ImportRefused) as refused:
        import_bur(provider, data, **kwargs)
    return [(e.row, e.column) for e in refused.value.errors], refused.value.errors


def test_a_realistic_bur_file_becomes_drafts_with_every_field_mapped(provider):
    data = example()
    # The example leads to no qualification (the demo imports it before the register's demo
    # qualifications exist); here its welding exam leads to one the register has.
    for record in data["lista"]:
        if record["tytul"] == "Spawanie metodą MAG (135) z egzaminem":
            record["idKwalifikacjiZrk"] = 1074

    result = import_bur(provider, data)

    cards = {card.title: card for card in result.created}
    assert len(cards) == 3
    assert {card.status for card in cards.values()} == {"draft"}
    excel = cards["Excel w pracy księgowej — poziom średniozaawansowany"]
    first = date.fromisoformat(data["lista"][0]["harmonogram"][0]["data"])
    assert (excel.category.code, excel.service_type, excel.delivery_form) == (
        "it_office",
        "training",
        "in_person",
    )
    assert (excel.price_net, excel.price_gross, excel.hours) == (120_000, 147_600, 16)
    assert (excel.gmina.teryt, excel.street) == (KRAKOW, "ul. Zabłocie 20")
    assert (excel.starts_on, excel.ends_on) == (first, first + timedelta(days=1))
    assert excel.enrolment_deadline == first - timedelta(days=5)  # the day in Poland, whatever the offset
    assert (excel.min_participants, excel.max_participants) == (4, 12)
    # BUR's editor writes HTML: the card keeps the text, a line per paragraph or item
    assert excel.programme.splitlines()[0] == "Dzień 1: tabele, formuły warunkowe, tabele przestawne."
    assert "<" not in excel.learning_outcomes
    assert len(excel.learning_outcomes.splitlines()) == 3
    assert [s.place for s in excel.sessions.all()] == ["Kraków, ul. Zabłocie 20"] * 2
    welding = cards["Spawanie metodą MAG (135) z egzaminem"]
    # "Tarnów" names the town and the rural gmina around it: the town's own gmina
    assert (welding.gmina.teryt, welding.qualification_code) == (TARNOW_TOWN, "1074")
    assert welding.market_qualification == "Spawanie blach spoinami pachwinowymi metodą MAG"
    english = cards["Język angielski w rozmowie z klientem (B1), na żywo online"]
    assert (english.delivery_form, english.gmina, english.category.code) == (
        "remote_live",
        None,
        "languages_english",
    )
    assert english.sessions.count() == 4
    assert AuditEvent.objects.filter(action="catalogue.cards_imported", details__count=3).exists()


def test_a_plain_list_of_records_or_one_record_is_read_too(provider):
    records = example()["lista"]
    assert len(import_bur(provider, records[:2]).created) == 2
    assert len(import_bur(provider, records[2]).created) == 1


def test_every_problem_of_every_record_is_named_by_its_bur_field_and_nothing_is_written(provider):
    data = example()
    good, welding, online = data["lista"]
    no_title = dict(good, tytul="")
    ends_before = dict(welding, dataZakonczeniaUslugi="2020-01-01T00:00:00+01:00")
    wrong_hour = dict(good, tytul="Excel 2", cenaBruttoZaGodzine=15_000)
    unknown_category = dict(online, kategoria="Hodowla alpak", podkategoria=None)
    unknown_form = dict(online, tytul="Inny", formaSwiadczenia="korespondencyjna")
    shifted = copy.deepcopy(good)
    shifted["tytul"] = "Excel 3"
    shifted["dataRozpoczeciaUslugi"] = shifted["harmonogram"][1]["data"]  # the schedule starts a day before
    bad_time = copy.deepcopy(good)
    bad_time["tytul"] = "Excel 4"
    bad_time["harmonogram"][1]["godzinaZakonczenia"] = "pół do szóstej"
    data["lista"] = [
        good,
        no_title,
        ends_before,
        wrong_hour,
        unknown_category,
        unknown_form,
        shifted,
        bad_time,
    ]

    found, errors = refusal(provider, data)

    assert set(found) == {
        (2, "tytul"),
        (3, "dataZakonczeniaUslugi"),
        (4, "cenaBruttoZaGodzine"),
        (5, "kategoria"),
        (6, "formaSwiadczenia"),
        (7, "dataRozpoczeciaUslugi"),
        (8, "harmonogram[2].godzinaZakonczenia"),
    }
    messages = {(e.row, e.column): e.message for e in errors}
    assert "Hodowla alpak" in messages[(5, "kategoria")]
    assert "korespondencyjna" in messages[(6, "formaSwiadczenia")]
    # 1 476,00 zł for 16 hours is 92,25 zł an hour, not 150,00 zł
    assert "92,25" in messages[(4, "cenaBruttoZaGodzine")]
    assert "150,00" in messages[(4, "cenaBruttoZaGodzine")]
    assert not ServiceCard.objects.exists()


def test_the_checks_of_the_csv_import_apply_under_bur_names(provider):
    """The same rules as for our columns (a deadline after the start, an unknown gmina, prices
    not in grosze, text with control characters), named by the record's field."""
    data = example()
    good = data["lista"][0]
    late = dict(good, dataZakonczeniaRekrutacji=good["dataZakonczeniaUslugi"])
    far = dict(good, tytul="Excel 2", adres=dict(good["adres"], terytGminy="1299999"))
    zloty = dict(good, tytul="Excel 3", cenaBruttoZaUczestnika="1476,00")
    data["lista"] = [late, far, zloty, good]

    found, _errors = refusal(provider, data)

    assert set(found) == {
        (1, "dataZakonczeniaRekrutacji"),
        (2, "adres.terytGminy"),
        (3, "cenaBruttoZaUczestnika"),
    }


def test_an_import_job_of_a_bur_file_with_one_bad_record_fails_and_writes_nothing(
    provider, django_capture_on_commit_callbacks
):
    data = example()
    data["lista"][2]["cenaNettoZaGodzine"] = 1
    with django_capture_on_commit_callbacks(execute=True):
        job = import_jobs.import_job_create(
            provider=provider,
            actor=Actor.of(provider_staff_of(provider)),
            content=as_file(data),
            filename="bur.json",
        )
    job.refresh_from_db()

    assert job.status == "failed"
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "cenaNettoZaGodzine")]
    assert not ServiceCard.objects.exists()

    del data["lista"][2]["cenaNettoZaGodzine"]  # a price per hour is optional
    with django_capture_on_commit_callbacks(execute=True):
        job = import_jobs.import_job_create(
            provider=provider,
            actor=Actor.of(provider_staff_of(provider)),
            content=as_file(data),
            filename="b.json",
        )
    job.refresh_from_db()
    assert (job.status, job.cards_created, job.rows_total) == ("done", 3, 3)


def _card_of(card: ServiceCard) -> tuple:
    return (
        *(str(getattr(card, name)) for name in services.TRACKED_FIELDS),
        tuple(
            (s.date, s.start_time, s.end_time, s.place) for s in card.sessions.order_by("date", "start_time")
        ),
    )


def test_our_cards_exported_in_bur_layout_import_back_to_the_same_cards(provider):
    actor = Actor.of(provider_staff_of(provider))
    services.card_create(provider=provider, data=card_input(qualification_code="ELE.02"), actor=actor)
    services.card_create(
        provider=provider,
        data=card_input(
            title="Kadry i płace online",
            category_code="finance_payroll",
            delivery_form="remote_self_paced",
            gmina_teryt="",
            street="",
            technical_requirements="Komputer z przeglądarką.",
            market_qualification="Prowadzenie spraw kadrowo-płacowych",
        ),
        actor=actor,
    )
    services.card_create(
        provider=provider,
        data=card_input(
            title="Spawanie w Katowicach",
            gmina_teryt="",
            street="",
            outside_region_address="ul. Mariacka 1, 40-014 Katowice",
            service_type="exam",
            hours=Decimal("7.5"),
            price_net=99_999,
            price_gross=123_457,
            sessions=(SessionInput(START, time(8), time(15, 30), "hala 2; wejście B"),),
        ),
        actor=actor,
    )
    exported = importexport.cards_export_bur(provider=provider)
    assert json.loads(exported)["liczbaWszystkichElementow"] == 3
    other = ProviderFactory()

    result = importexport.cards_import(
        provider=other,
        content=exported.encode(),
        filename="bur.json",
        actor=Actor.of(provider_staff_of(other)),
    )

    assert len(result.created) == 3
    assert sorted(map(_card_of, other.service_cards.all())) == sorted(
        map(_card_of, provider.service_cards.all())
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    net=st.integers(min_value=0, max_value=10**9),
    vat=st.integers(min_value=0, max_value=10**8),
    tenths=st.integers(min_value=1, max_value=400),
)
def test_any_prices_and_hours_survive_the_round_trip_with_their_prices_per_hour(provider, net, vat, tenths):
    """Prices in grosze and hours to a tenth come back the same, and the price per hour the export
    computes is one the import accepts."""
    ServiceCard.objects.all().delete()
    card = ServiceCardFactory(
        provider=provider, price_net=net, price_gross=net + vat, hours=Decimal(tenths) / 10
    )
    record = bur.card_record(ServiceCard.objects.get(pk=card.pk))
    mapped = bur.record_to_row(record, categories=bur.categories_by_name())

    assert [name for name, _message in mapped.problems] == []
    data, problems = importexport.row_to_input(mapped.row)
    assert problems == []
    assert (data.price_net, data.price_gross, data.hours) == (net, net + vat, Decimal(tenths) / 10)


@pytest.mark.parametrize(
    ("content", "layout", "expected"),
    [
        (b"[" * 50 + b"]" * 50, None, "deeper than 12"),
        (json.dumps({"lista": {"tytul": "x"}}).encode(), None, "lista"),
        (json.dumps([{"title": "x"}]).encode(), importexport.Layout.BUR, "not a file in BUR's layout"),
        (json.dumps({"lista": []}).encode(), importexport.Layout.KIERUNEK, "in BUR's layout"),
        (json.dumps({"lista": []}).encode(), None, "no services"),
        (json.dumps({"lista": [{"tytul": "x", "harmonogram": [{}] * 501}]}).encode(), None, "At most 500"),
    ],
)
def test_an_untrusted_file_is_refused_with_a_reason(provider, content, layout, expected):
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider,
            content=content,
            filename="b.json",
            actor=Actor.of(provider_staff_of(provider)),
            layout=layout,
        )
    assert expected in " ".join(e.message for e in refused.value.errors)


def test_a_problem_is_reported_in_polish_too(provider):
    data = example()
    data["lista"][0]["kategoria"], data["lista"][0]["podkategoria"] = "Hodowla alpak", None
    with translation.override("pl"), pytest.raises(importexport.ImportRefused) as refused:
        import_bur(provider, data)
    message = refused.value.errors[0].message
    assert "Hodowla alpak" in message
    assert "katalogu" in message


# --- pages and API: each provider its own catalogue -------------------------------------------


def test_the_import_page_offers_bur_and_imports_into_the_providers_own_catalogue(
    client, login_staff, provider, django_capture_on_commit_callbacks
):
    other = ProviderFactory()
    login_staff(client, provider_staff_of(provider))
    page = client.get("/instytucja/uslugi/import/").content.decode()
    assert "przyklad-bur.json" in page
    assert 'value="bur"' in page
    example_file = client.get("/instytucja/uslugi/import/przyklad-bur.json")
    assert example_file["Content-Disposition"].startswith("attachment")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/instytucja/uslugi/import/",
            {"file": SimpleUploadedFile("bur.json", example_file.content), "layout": "bur"},
        )

    assert response.status_code == 302
    assert ServiceCard.objects.filter(provider=provider).count() == 3
    assert not ServiceCard.objects.filter(provider=other).exists()
    exported = json.loads(client.get("/instytucja/uslugi/eksport-bur.json").content)
    assert len(exported["lista"]) == 3


def test_choosing_bur_for_a_file_of_our_columns_is_explained_at_once(client, login_staff, provider):
    login_staff(client, provider_staff_of(provider))
    response = client.post(
        "/instytucja/uslugi/import/",
        {"file": SimpleUploadedFile("u.json", b'[{"title": "x"}]'), "layout": "bur"},
    )
    assert response.status_code == 200
    assert "tytul" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_pages_refuse_other_roles(client, login_staff):
    client.force_login(ParticipantFactory())
    for url in ("/instytucja/uslugi/import/przyklad-bur.json", "/instytucja/uslugi/eksport-bur.json"):
        assert client.get(url).status_code in (302, 403)


def api_client(user) -> Client:
    api = Client(enforce_csrf_checks=True)
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_token_create(user=user, name='test').secret}"
    return api


def test_the_api_imports_a_bur_file_into_the_callers_catalogue_and_follows_the_job(
    provider, django_capture_on_commit_callbacks
):
    api = api_client(provider_staff_of(provider))
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/provider/services/imports",
            {"file": SimpleUploadedFile("bur.json", as_file(example())), "layout": "bur"},
        )
    assert response.status_code == 202, response.content
    job = response.json()

    followed = api.get(f"/api/v1/provider/services/imports/{job['id']}").json()
    assert [listed["id"] for listed in api.get("/api/v1/provider/services/imports").json()] == [job["id"]]

    assert (followed["status"], followed["cards_created"]) == ("done", 3)
    assert ServiceCard.objects.filter(provider=provider).count() == 3
    exported = api.get("/api/v1/provider/services/export").json()
    assert {record["tytul"] for record in exported["lista"]} == set(
        ServiceCard.objects.values_list("title", flat=True)
    )
    ours = api.get("/api/v1/provider/services/export?layout=kierunek").json()
    assert len(ours) == 3
    assert "title" in ours[0]


def test_the_api_names_the_problems_of_an_unreadable_file_and_starts_nothing(provider):
    api = api_client(provider_staff_of(provider))
    response = api.post("/api/v1/provider/services/imports", {"file": SimpleUploadedFile("b.json", b"[[[")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert "JSON" in response.json()["detail"][0]["msg"]
    assert not ImportJob.objects.exists()


def test_the_api_keeps_each_provider_to_its_own_imports_and_refuses_other_roles(
    provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = import_jobs.import_job_create(
            provider=provider,
            actor=Actor.of(provider_staff_of(provider)),
            content=as_file(example()),
            filename="b.json",
        )
    other = ProviderFactory()
    stranger = api_client(provider_staff_of(other))
    assert stranger.get(f"/api/v1/provider/services/imports/{job.pk}").status_code == 404
    assert stranger.get("/api/v1/provider/services/imports").json() == []
    assert stranger.get("/api/v1/provider/services/export").json()["lista"] == []
    participant = api_client(ParticipantFactory())
    assert participant.get("/api/v1/provider/services/export").status_code == 403
    response = participant.post(
        "/api/v1/provider/services/imports", {"file": SimpleUploadedFile("b.json", as_file(example()))}
    )
    assert response.status_code == 403
    assert Client().get("/api/v1/provider/services/export").status_code == 401
    assert ImportJob.objects.count() == 1


def test_the_public_api_gives_a_published_card_in_bur_layout_only(provider):
    published = ServiceCardFactory(provider=provider, qualification_code="1074")
    draft = ServiceCardFactory(provider=provider, status="draft", published_at=None)

    record = Client().get(f"/api/v1/services/{published.pk}/bur").json()

    assert (record["tytul"], record["idKwalifikacjiZrk"]) == (published.title, "1074")
    assert record["cenaBruttoZaUczestnika"] == published.price_gross
    assert Client().get(f"/api/v1/services/{draft.pk}/bur").status_code == 404


def test_the_demo_provider_has_imported_the_example_bur_file_once(provider):
    from kierunek.catalogue import demo

    staff = provider_staff_of(provider)
    staff.email = demo.DEMO_PROVIDER_STAFF
    staff.save(update_fields=["email"])

    demo._bur_import()
    demo._bur_import()

    job = ImportJob.objects.get(provider=provider)
    assert (job.filename, job.status, job.cards_created) == ("przyklad-bur.json", "done", 3)
    assert provider.service_cards.filter(status="draft").count() == 3


def test_the_card_form_shows_the_zrk_code_so_an_edit_keeps_it(provider):
    from kierunek.catalogue.forms import ServiceCardForm

    card = services.card_create(
        provider=provider,
        data=card_input(qualification_code="1074"),
        actor=Actor.of(provider_staff_of(provider)),
    )
    assert ServiceCardForm.initial_from(card)["qualification_code"] == "1074"


@pytest.mark.parametrize(
    ("code", "accepted"),
    [("1074", True), ("ELE.02", True), ("AU/20-1", True), ("12 34", False), ("x" * 41, False)],
)
def test_a_zrk_code_is_written_as_the_register_writes_it(code, accepted):
    from kierunek.catalogue.domain import card_problems

    assert ("qualification_code" not in card_problems(card_input(qualification_code=code))) == accepted
