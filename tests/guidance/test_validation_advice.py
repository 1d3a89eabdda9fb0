"""The bridge from the competence balance to validation (issue 16): an area of a signed plan that
targets a qualification of the register gets the comparison of the competence profile with the
qualification's learning outcomes (through the register's Polish analyser: "dekretować dowody
księgowe" covers "Dekretuje dowody księgowe"), validation before training from three quarters
covered, and the reason on the participant's pages and in the API; the advisor's page, the plan
and its PDF name the qualification."""

import pytest

from kierunek.core.actor import Actor
from kierunek.guidance.documents import plan_pdf
from kierunek.guidance.models import Competence
from kierunek.guidance.recommendations import recommendations_for
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import profile as profile_services
from kierunek.qualifications.domain import OutcomeInput, OutcomeSetInput
from tests.guidance.builders import area_data, balance_ready_to_sign
from tests.guidance.test_documents import text_of
from tests.pages import text
from tests.qualifications.factories import qualification

pytestmark = pytest.mark.django_db

OUTCOME_SETS = (
    OutcomeSetInput(
        code="ZE1",
        name="Ewidencja",
        outcomes=(
            OutcomeInput(code="ZE1.1", text="Dekretuje dowody księgowe", criteria=("wykonuje zadanie",)),
            OutcomeInput(code="ZE1.2", text="Prowadzi ewidencję VAT", criteria=("wykonuje zadanie",)),
        ),
    ),
    OutcomeSetInput(
        code="ZE2",
        name="Sprawozdawczość",
        outcomes=(
            OutcomeInput(
                code="ZE2.1",
                text="Sporządza sprawozdanie finansowe małej jednostki",
                criteria=("wykonuje zadanie",),
            ),
            OutcomeInput(
                code="ZE2.2",
                text="Rozlicza podatek dochodowy od osób fizycznych",
                criteria=("wykonuje zadanie",),
            ),
        ),
    ),
)
COMPETENCES = ("dekretować dowody księgowe", "prowadzić ewidencję VAT", "sporządzać sprawozdania finansowe")


def balance_with_profile(*, levels: tuple[int, ...], participant=None):
    """A balance ready to sign whose profile has the three accounting competences at ``levels``,
    and the accounting qualification in the register."""
    balance = balance_ready_to_sign(participant=participant)
    for number, (label, level) in enumerate(zip(COMPETENCES, levels, strict=True)):
        competence = Competence.objects.create(uri=f"office:test-{number}", label=label, concept_type="skill")
        profile_services.profile_competence_save(
            balance_id=balance.pk,
            actor=Actor.of(balance.advisor),
            data=profile_services.ProfileEntryData(
                competence_id=competence.pk,
                dimension="skills",
                level=level,
                prk_level=None,
                evidence="Pięć lat w biurze rachunkowym.",
                star_ids=[],
            ),
        )
    qualification(code="DEMO-K6", name="Prowadzenie księgowości", outcome_sets=OUTCOME_SETS)
    return balance


def plan_with_profile(*, levels: tuple[int, ...]):
    """A signed plan whose area "Księgowość" targets the accounting qualification."""
    balance = balance_with_profile(levels=levels)
    plan_services.area_save(
        balance_id=balance.pk,
        actor=Actor.of(balance.advisor),
        data=area_data(
            title="Księgowość", category_ids=[], qualification_code="DEMO-K6", package_kind="vocational"
        ),
    )
    plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    return balance


def advice_of(balance, title="Księgowość"):
    (result,) = [r for r in recommendations_for(participant=balance.participant) if r.area.title == title]
    return result.validation


def test_three_of_four_outcomes_covered_recommend_validation_first_with_the_reason():
    balance = plan_with_profile(levels=(3, 2, 3))

    advice = advice_of(balance)

    assert advice.qualification.code == "DEMO-K6"
    assert advice.coverage.validation_first
    assert [(c.outcome.code, c.by) for c in advice.coverage.covered] == [
        ("ZE1.1", "dekretować dowody księgowe"),
        ("ZE1.2", "prowadzić ewidencję VAT"),
        ("ZE2.1", "sporządzać sprawozdania finansowe"),
    ]
    assert [o.code for o in advice.coverage.missing] == ["ZE2.2"]
    assert advice.covered_percent == 75


def test_two_of_four_covered_is_training_first():
    # "prowadzić ewidencję VAT" only at the basic level does not count
    balance = plan_with_profile(levels=(3, 1, 3))

    advice = advice_of(balance)

    assert [c.outcome.code for c in advice.coverage.covered] == ["ZE1.1", "ZE2.1"]
    assert not advice.coverage.validation_first


def test_an_area_without_a_qualification_has_no_advice():
    balance = plan_with_profile(levels=(3, 3, 3))
    assert advice_of(balance, title="Język angielski w pracy") is None


def test_the_participant_sees_the_recommendation_and_its_reason(client):
    balance = plan_with_profile(levels=(3, 2, 3))
    client.force_login(balance.participant)

    page = text(client.get("/doradztwo/rekomendacje/"))

    assert "Walidacja przed szkoleniem" in page
    assert "Prowadzenie księgowości (DEMO-K6)" in page
    assert "ZE2.2 Rozlicza podatek dochodowy od osób fizycznych" in page
    assert "„prowadzić ewidencję VAT”" in page or "“prowadzić ewidencję VAT”" in page
    plan_page = text(client.get("/doradztwo/plan/"))
    assert "Walidacja przed szkoleniem" in plan_page
    assert "/kwalifikacje/DEMO-K6/" in plan_page


def test_training_first_is_said_too(client):
    balance = plan_with_profile(levels=(1, 1, 3))
    client.force_login(balance.participant)
    page = text(client.get("/doradztwo/rekomendacje/"))
    assert "Szkolenie przed walidacją" in page


def test_the_plan_pdf_names_the_qualification():
    balance = plan_with_profile(levels=(3, 2, 3))
    pdf = " ".join(text_of(plan_pdf(balance=balance)).split())
    assert "Prowadzenie księgowości (DEMO-K6, PRK 5)" in pdf


def test_the_advisor_chooses_the_qualification_from_the_register(client, login_staff):
    balance = balance_ready_to_sign()
    qualification(code="DEMO-K6", name="Prowadzenie księgowości", outcome_sets=OUTCOME_SETS)
    login_staff(client, balance.advisor)
    url = f"/doradca/bilans/{balance.pk}/plan-rozwoju/"
    page = client.get(url).content.decode()
    assert 'list="id_area-qualification_choices"' in page
    assert '<option value="DEMO-K6">Prowadzenie księgowości (DEMO-K6)</option>' in page

    response = client.post(
        url,
        {
            "op": "save_area",
            "area-title": "Księgowość",
            "area-goals": "Certyfikat w pół roku.",
            "area-package_kind": "vocational",
            "area-qualification": "prowadzenie ksiegowosci",  # the name typed, without diacritics
            "area-priority": "1",
        },
    )

    assert response.status_code == 302
    assert balance.plan.areas.get(title="Księgowość").qualification.code == "DEMO-K6"
    assert "Prowadzenie księgowości" in text(client.get(url))


def test_the_api_gives_the_advice_with_its_reason(client):
    balance = plan_with_profile(levels=(3, 2, 3))
    client.force_login(balance.participant)

    answer = client.get("/api/v1/guidance/recommendations").json()

    (area,) = [item for item in answer if item["area"] == "Księgowość"]
    assert area["validation"]["qualification_code"] == "DEMO-K6"
    assert area["validation"]["validation_first"] is True
    assert [item["code"] for item in area["validation"]["covered"]] == ["ZE1.1", "ZE1.2", "ZE2.1"]
    assert area["validation"]["missing"] == [
        {"code": "ZE2.2", "text": "Rozlicza podatek dochodowy od osób fizycznych"}
    ]
    (other,) = [item for item in answer if item["area"] != "Księgowość"]
    assert other["validation"] is None
