"""The office's pages of the register: only officers reach them (every other role 403, strangers
to the login), an officer enters, edits, imports and exports, and the history shows who changed
what."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.accounts.models import Role
from kierunek.qualifications.demo import demo_rows
from kierunek.qualifications.models import Qualification
from tests.pages import text

from .factories import qualification

pytestmark = pytest.mark.django_db

PAGES = [
    "/biuro/kwalifikacje/",
    "/biuro/kwalifikacje/nowa/",
    "/biuro/kwalifikacje/import/",
    "/biuro/kwalifikacje/eksport.csv",
    "/biuro/kwalifikacje/Q-1/",
    "/biuro/kwalifikacje/Q-1/historia/",
]


def _form(**overrides):
    data = {
        "code": "q-9",
        "name": "Serwisowanie rowerów",
        "kind": "market",
        "prk_level": "3",
        "workload_hours": "90",
        "description": "Naprawa rowerów.",
        "target_group": "Mechanicy.",
        "validation_methods": "Test i zadanie praktyczne.",
        "validation_staff": "Dwóch asesorów.",
        "certifying_institutions": "Centrum A\nCentrum B\n",
        "quality_body": "PZZJ",
        "registered_on": "2022-03-01",
        "outcome_sets": json.dumps(
            [
                {
                    "code": "ZE1",
                    "name": "Naprawa",
                    "outcomes": [{"code": "1", "text": "Centruje koło", "criteria": ["bicie < 1 mm"]}],
                }
            ]
        ),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OFFICER])
def test_other_roles_are_refused_every_office_page(client_as, role):
    qualification(code="Q-1")
    client = client_as(role)
    for page in PAGES:
        assert client.get(page).status_code == 403, page
    assert client.post("/biuro/kwalifikacje/nowa/", _form()).status_code == 403
    assert client.post("/biuro/kwalifikacje/Q-1/", _form(code="Q-1", name="Zmiana")).status_code == 403
    assert not Qualification.objects.filter(name__in=["Serwisowanie rowerów", "Zmiana"]).exists()


def test_strangers_are_sent_to_log_in(client):
    qualification(code="Q-1")
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith("/logowanie/"), page


def test_an_officer_enters_and_edits_and_the_history_shows_it(staff_client):
    client, officer = staff_client(Role.OFFICER)
    response = client.post("/biuro/kwalifikacje/nowa/", _form())
    assert response.status_code == 302
    assert response.url == "/biuro/kwalifikacje/Q-9/historia/"
    entered = Qualification.objects.get(code="Q-9")
    assert entered.certifying_institutions == ["Centrum A", "Centrum B"]

    edit = text(client.get("/biuro/kwalifikacje/Q-9/"))
    assert "Centruje koło" in edit
    assert "disabled" in edit

    response = client.post("/biuro/kwalifikacje/Q-9/", _form(code="Q-9", prk_level="4"))
    assert response.status_code == 302
    history = text(client.get("/biuro/kwalifikacje/Q-9/historia/"))
    assert history.count(officer.get_full_name()) == 2
    assert '<th scope="row">prk_level</th><td>3</td><td>4</td>' in history


def test_an_edit_with_broken_outcomes_is_an_error_at_the_field(staff_client):
    client, _officer = staff_client(Role.OFFICER)
    qualification(code="Q-1")
    response = client.post("/biuro/kwalifikacje/Q-1/", _form(code="Q-1", outcome_sets="[{]"))
    assert response.status_code == 200
    assert 'id="id_outcome_sets_errors"' in text(response)
    response = client.post("/biuro/kwalifikacje/Q-1/", _form(code="Q-1", outcome_sets="[]"))
    assert response.status_code == 200
    assert 'id="id_outcome_sets_errors"' in text(response)
    assert Qualification.objects.get(code="Q-1").name == "Prowadzenie szkoleń"


def test_an_officer_imports_and_exports(staff_client):
    client, _officer = staff_client(Role.OFFICER)
    rows = demo_rows()[:3]
    rows[2]["kind"] = "other"
    upload = SimpleUploadedFile("r.json", json.dumps(rows).encode(), content_type="application/json")
    page = text(client.post("/biuro/kwalifikacje/import/", {"file": upload}))
    assert 'role="alert"' in page
    assert "<td>3</td><td>kind</td>" in page
    assert not Qualification.objects.exists()

    upload = SimpleUploadedFile("r.json", json.dumps(rows[:2]).encode(), content_type="application/json")
    page = text(client.post("/biuro/kwalifikacje/import/", {"file": upload}))
    assert Qualification.objects.count() == 2
    assert 'role="status"' in page
    exported = client.get("/biuro/kwalifikacje/eksport.json")
    assert [row["code"] for row in json.loads(exported.content)] == ["DEMO-01", "DEMO-02"]
    assert "kwalifikacje.csv" in client.get("/biuro/kwalifikacje/eksport.csv")["Content-Disposition"]
