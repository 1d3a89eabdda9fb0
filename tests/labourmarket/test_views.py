"""The pages: the map links every powiat with its name (and the table says the same), a powiat's
page shows the facts with their source and the demo mark, its CSV carries the suppression, and the
import page is the officers'."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.geo.models import Powiat
from kierunek.labourmarket import demo
from kierunek.labourmarket.models import FactImport
from tests.accounts.factories import StaffUserFactory

from . import builders as b

pytestmark = pytest.mark.django_db


def test_the_map_links_every_powiat_by_name(english):
    body = english.get("/oferta-kadrowa/").content.decode()
    links = re.findall(r'<a href="(/oferta-kadrowa/[a-z-]+/)" aria-label="([^"]+)">', body)
    assert len(links) == 22
    assert len({href for href, _name in links}) == 22
    assert ("/oferta-kadrowa/krakow/", "Kraków") in links
    assert ("/oferta-kadrowa/krakowski/", "powiat krakowski") in links
    # Cities are drawn last, over the land powiats around them.
    assert [name for _href, name in links][-3:] == ["Kraków", "Nowy Sącz", "Tarnów"]
    assert body.count('<th scope="row"><a href="/oferta-kadrowa/') == 22


def test_a_powiat_page_shows_the_facts_with_source_and_demo_mark(english):
    b.facts("unemployment", "1218;wadowicki;3210;4,9", source="WUP w Krakowie")
    FactImport.objects.update(is_demo=True)
    body = english.get("/oferta-kadrowa/wadowicki/").content.decode()
    assert "4.9%" in body
    assert "Source: WUP w Krakowie; as of 31 December 2025." in body
    assert "Demo data, not real figures." in body


def test_an_unknown_powiat_is_404(client):
    assert client.get("/oferta-kadrowa/atlantyda/").status_code == 404
    assert client.get("/oferta-kadrowa/atlantyda/dane.csv").status_code == 404


def test_the_csv_has_the_facts_and_suppressed_cells_as_under_ten(english):
    b.facts("graduates", "1218;;informatyka;120")
    b.resident(b.WADOWICE)
    response = english.get("/oferta-kadrowa/wadowicki/dane.csv")
    assert response["Content-Disposition"] == 'attachment; filename="oferta-kadrowa-wadowicki.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Section", "Item", "Value"]
    assert ["graduates by field", "informatyka", "120", "GUS BDL", "2025-12-31", ""] in rows
    # Nobody of the powiat has a confirmed competence yet: no group, and no count under ten shown.
    assert all(row[2] != "1" for row in rows[1:] if row[0] != "graduates by field")


def test_the_import_page_refuses_other_roles(client_for):
    for role in ("advisor", "partner_staff", "provider_staff"):
        response = client_for(StaffUserFactory(role=role)).get("/urzad/oferta-kadrowa/")
        assert response.status_code == 403


def test_the_officer_imports_a_file_and_sees_row_errors_of_a_bad_one(english, login_staff):
    officer = b.officer()
    login_staff(english, officer)
    bad = SimpleUploadedFile("zle.csv", b.csv_file("teryt;working_age_population", "1218;sto"))
    response = english.post(
        "/urzad/oferta-kadrowa/",
        {"kind": "population", "source": "GUS", "reference_date": "2025-12-31", "file": bad},
    )
    body = response.content.decode()
    assert "Nothing was imported: 1 problem" in body
    assert "working_age_population" in body
    assert FactImport.objects.count() == 0
    good = SimpleUploadedFile("dobre.csv", b.csv_file("teryt;working_age_population", "1218;101 500"))
    response = english.post(
        "/urzad/oferta-kadrowa/",
        {"kind": "population", "source": "GUS", "reference_date": "2025-12-31", "file": good},
        follow=True,
    )
    assert "Imported 1 row of working-age population." in response.content.decode()
    assert "dobre.csv" in response.content.decode()
    assert FactImport.objects.get().imported_by == officer


def test_demo_gives_every_powiat_facts_marked_as_demo_and_runs_once():
    from kierunek.accounts.demo import demo_email

    StaffUserFactory(role="officer", email=demo_email("officer"))
    assert list(demo.seed(size="small")) == ["population", "unemployment", "graduates", "barometer"]
    assert list(demo.seed(size="small")) == ["skipped"] * 4
    assert FactImport.objects.count() == 4
    assert all(i.is_demo and "DEMONSTRACYJNE" in i.source for i in FactImport.objects.all())
    from kierunek.labourmarket.selectors import powiat_facts

    for powiat in Powiat.objects.all():
        facts = powiat_facts(powiat)
        assert facts.population
        assert facts.unemployment
        assert facts.graduates
        assert facts.shortage
        assert facts.surplus
