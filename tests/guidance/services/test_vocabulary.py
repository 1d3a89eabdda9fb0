"""The competence vocabulary: ESCO v1.2.1 in Polish as loaded by the migration, its search, and
the office's own entries added in the admin site."""

import pytest
from django.core.exceptions import PermissionDenied

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance import selectors
from kierunek.guidance.models import Competence, CompetenceSource, Occupation
from kierunek.guidance.services import vocabulary as vocabulary_services
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_esco_is_loaded_with_its_collections_and_hierarchy():
    esco = Competence.objects.filter(source=CompetenceSource.ESCO)
    assert esco.filter(is_transversal=True).count() == 95
    assert esco.filter(is_language=True).count() == 359
    assert esco.filter(is_digital=True).count() == 1284
    assert esco.filter(is_green=True).count() == 629
    assert esco.filter(concept_type="group").count() == 640
    assert Occupation.objects.filter(source=CompetenceSource.ESCO).count() == 3039  # 3 043 rows, 4 repeated
    teamwork = esco.get(label="pracować w zespole")
    assert teamwork.uri.startswith("http://data.europa.eu/esco/skill/")
    assert teamwork.parent is not None
    # every group but the four roots of the pillar has its broader group
    assert esco.filter(concept_type="group", parent__isnull=True).count() == 4


def test_search_is_folded_and_puts_the_best_match_first():
    assert selectors.competence_search(q="Pracowac w zespole")[0].label == "pracować w zespole"
    assert [c.label for c in selectors.competence_search(q="x")] == []
    assert all(c.is_language for c in selectors.competence_search(q="niemieck", collection="language"))
    assert selectors.occupation_search(q="analityk biznesowy")[0].label == "analityk biznesowy"


def test_switched_off_entries_are_not_found():
    Competence.objects.filter(label="pracować w zespole").update(is_active=False)
    assert "pracować w zespole" not in [c.label for c in selectors.competence_search(q="pracowac w zespole")]


def test_the_office_adds_its_own_entry_with_a_urn_and_it_is_searchable():
    officer = StaffUserFactory(role=Role.OFFICER)
    entry = Competence(label="Obsługa systemu Płatnik", alt_labels="ZUS Płatnik", concept_type="skill")

    vocabulary_services.vocabulary_entry_save(entry=entry, actor=Actor.of(officer))

    assert entry.source == "office"
    assert entry.uri.startswith("urn:kierunek:competence:")
    assert selectors.competence_search(q="platnik")[0] == entry
    assert selectors.competence_search(q="zus")[0] == entry
    assert AuditEvent.objects.filter(action="guidance.vocabulary_competence_saved", actor=officer).exists()


def test_only_the_office_extends_the_vocabulary():
    with pytest.raises(PermissionDenied):
        vocabulary_services.vocabulary_entry_save(
            entry=Occupation(label="Doradca"), actor=Actor.of(StaffUserFactory(role=Role.ADVISOR))
        )
    assert not Occupation.objects.filter(label="Doradca").exists()


def test_the_admin_site_adds_an_entry(client, login_staff):
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    login_staff(client, admin)
    response = client.post(
        "/admin/guidance/occupation/add/",
        {
            "label": "Operator drona",
            "alt_labels": "",
            "description": "",
            "isco_code": "3154",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = Occupation.objects.get(label="Operator drona")
    assert entry.uri.startswith("urn:kierunek:occupation:")
    assert entry in selectors.occupation_search(q="operator drona")


@pytest.mark.parametrize("q", ["rachunkowosc", "RACHUNKOWOŚĆ", "rachunkowość", "Rachunkowosc i opodat"])
def test_the_search_ignores_diacritics_and_case_as_the_catalogue_does(q):
    labels = [competence.label for competence in selectors.competence_search(q=q)]
    assert labels[0] == "rachunkowość i opodatkowanie", q


@pytest.mark.parametrize("q", ["ksiegowosc", "KSIĘGOWOŚĆ", "lodz", "Łódź", "ksiegowosc lodz"])
def test_the_office_entries_are_found_without_diacritics(q):
    officer = StaffUserFactory(role=Role.OFFICER)
    entry = Competence(label="Księgowość w Łodzi", alt_labels="Księgowość łódzka\nŁódź", concept_type="skill")
    vocabulary_services.vocabulary_entry_save(entry=entry, actor=Actor.of(officer))
    assert selectors.competence_search(q=q)[0] == entry
