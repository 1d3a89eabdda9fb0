"""The residents' figures of a powiat: who lives there (their newest submitted application), the
competences of completed competence profiles by ESCO skill group, trainings completed by catalogue
category, the registry a lower context fills, and the suppression on the page and in the CSV."""

import pytest

from kierunek.core.resident_figures import ResidentFigure, resident_figure_register, resident_figures
from kierunek.geo.models import Powiat
from kierunek.guidance.models import Competence
from kierunek.labourmarket.figures import _ancestry, resident_tables, residents_of, skill_group_of
from kierunek.programmes.models import Application
from tests.vouchers import builders as vb

from . import builders as b

pytestmark = pytest.mark.django_db


def _wadowicki() -> Powiat:
    return Powiat.objects.get(teryt=b.WADOWICE)


def test_a_resident_is_the_newest_application_s_gmina_not_a_withdrawn_one():
    here = b.resident(b.WADOWICE)
    elsewhere = b.resident(b.TARNOW_CITY)
    withdrawn = b.resident(b.WADOWICE)
    Application.objects.filter(participant=withdrawn).update(status="withdrawn")
    assert residents_of(_wadowicki()) == {here.pk}
    assert elsewhere.pk not in residents_of(_wadowicki())


def test_a_skill_falls_under_its_group_of_the_second_level():
    skill = b.skill_under("S1")
    known = _ancestry([skill.pk])
    assert skill_group_of(skill.pk, known)["code"] == "S1"
    office_entry = Competence.objects.create(
        uri="urn:office:1", label="obsługa wózka widłowego", concept_type="skill"
    )
    assert skill_group_of(office_entry.pk, _ancestry([office_entry.pk])) is None


def test_competences_are_counted_by_people_per_group_and_small_cells_suppressed():
    communication, thinking = b.skill_under("S1"), b.skill_under("S2")
    people = [b.resident(b.WADOWICE) for _ in range(12)]
    for person in people:
        b.confirmed(person, communication)  # 12 people: shown
    for person in people[:3]:
        b.confirmed(person, thinking)
    unconfirmed = b.resident(b.WADOWICE)
    b.confirmed(unconfirmed, thinking, done=False)  # the profile is not complete: not counted
    outsider = b.resident(b.TARNOW_CITY)
    b.confirmed(outsider, communication)

    table = next(t for t in resident_tables(_wadowicki()) if t.figure.key == "guidance.competences")
    cells = {label.split(" ")[0]: cell for label, cell in table.rows}
    assert cells["S1"].shown is None  # secondary: beside S2's 3 and the total, 12 would give it away
    assert cells["S2"].value == 3
    assert cells["S2"].hidden == "primary"
    assert table.total.shown == 12


def test_trainings_completed_count_by_top_category():
    participant = vb.participant_with_plan()
    Application.objects.filter(participant=participant).update(residence_gmina=b.gmina_in(b.WADOWICE))
    account = vb.issued_account(participant)
    booking = vb.completed(vb.book(account))
    table = next(t for t in resident_tables(_wadowicki()) if t.figure.key == "vouchers.trainings")
    top = booking.card.category.parent or booking.card.category
    assert [(label, cell.hidden) for label, cell in table.rows] == [(top.name, "primary")]
    assert table.total.hidden == "primary"


def test_a_lower_context_registers_a_figure_and_it_never_counts_anyone_outside_the_powiat():
    here, there = b.resident(b.WADOWICE), b.resident(b.TARNOW_CITY)

    def certificates(person_ids):
        # A careless source: it answers for everybody. The offer keeps only the residents.
        return [(here.pk, "q1", "Kwalifikacja A"), (there.pk, "q1", "Kwalifikacja A")]

    figure = ResidentFigure(
        key="tests.certificates", title="Certificates", group_title="Qualification", people=certificates
    )
    resident_figure_register(figure)
    try:
        table = next(t for t in resident_tables(_wadowicki()) if t.figure.key == "tests.certificates")
        assert [(label, cell.value) for label, cell in table.rows] == [("Kwalifikacja A", 1)]
    finally:
        from kierunek.core import resident_figures as registry

        registry._FIGURES.pop("tests.certificates")
    assert "tests.certificates" not in {f.key for f in resident_figures()}


def test_certificates_count_the_residents_holding_one_by_qualification_not_a_revoked_one():
    from kierunek.qualifications.certification import certificate_revoke
    from tests.qualifications import certificate_builders as cb

    s = cb.setting()
    holders = [b.resident(b.WADOWICE) for _ in range(11)]
    certificates = [s.issue(holder=person) for person in holders]
    s.issue(holder=b.resident(b.TARNOW_CITY))  # lives elsewhere
    certificate_revoke(actor=cb.Actor.of(s.signer), certificate_id=certificates[0].pk, reason="Pomyłka")

    table = next(t for t in resident_tables(_wadowicki()) if t.figure.key == "qualifications.certificates")
    assert [(label, cell.value) for label, cell in table.rows] == [
        (f"{s.qualification.code} {s.qualification.name}", 10)
    ]
