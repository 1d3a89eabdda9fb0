"""Issue 16's bridge in a real browser: the advisor chooses the qualification of the register that a
development area targets (typing into the suggestions of the register, no script needed) and signs
the plan; the participant, whose competence profile covers three of the qualification's four
learning outcomes, sees "validation before training" with the reason, outcome by outcome. axe-core
checks every page. In English (the language cookie), as the guidance journey."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from kierunek.geo.models import Gmina
from kierunek.guidance.models import DevelopmentArea
from kierunek.qualifications.models import Authorisation, CertifyingInstitution, Qualification
from kierunek.validation.models import Validation
from tests.guidance.test_validation_advice import balance_with_profile

from .conftest import assert_accessible
from .test_guidance_journey import in_english, log_in, log_out, save

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_advisor_sets_the_qualification_and_participant_sees_validation_first(page: Page, live_server):
    in_english(page, live_server)
    balance = balance_with_profile(levels=(3, 2, 3))

    log_in(page, balance.advisor, staff=True)
    page.goto(f"/doradca/bilans/{balance.pk}/plan-rozwoju/")
    assert_accessible(page)
    page.locator("#id_area-title").fill("Księgowość w małej firmie")
    page.locator("#id_area-goals").fill("Certyfikat kwalifikacji w pół roku.")
    page.locator("#id_area-package_kind").select_option("vocational")
    qualification = page.get_by_label("Qualification of the register (ZSK), if any")
    expect(qualification).to_have_attribute("list", "id_area-qualification_choices")
    qualification.fill("DEMO-K6")
    save(page, "save_area")
    expect(page.get_by_role("status")).to_contain_text("The development area is saved")
    expect(page.get_by_role("link", name="Prowadzenie księgowości")).to_be_visible()
    assert_accessible(page)
    save(page, "sign")
    expect(page.get_by_role("status")).to_contain_text("The plan is signed")
    assert DevelopmentArea.objects.get(title="Księgowość w małej firmie").qualification.code == "DEMO-K6"
    log_out(page)

    log_in(page, balance.participant, staff=False)
    page.goto("/doradztwo/plan/")
    expect(page.get_by_text("Validation before training:")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Why, outcome by outcome").click()
    advice = page.get_by_role("region", name="Validation before training")
    expect(advice).to_contain_text(
        "covers 3 of the 4 learning outcomes of the qualification Prowadzenie księgowości"
    )
    expect(advice.get_by_role("listitem").filter(has_text="ZE2.2")).to_contain_text(
        "Rozlicza podatek dochodowy"
    )
    expect(advice).to_contain_text("shown by your competence “prowadzić ewidencję VAT”")
    assert_accessible(page)

    # The next step: she applies for validation of that qualification from the advice.
    institution = CertifyingInstitution.objects.create(
        name="Centrum Walidacji", gmina=Gmina.objects.first(), address="ul. Długa 1", email="ic@example.org"
    )
    Authorisation.objects.create(
        institution=institution,
        qualification=Qualification.objects.get(code="DEMO-K6"),
        valid_from=date(2025, 1, 1),
    )
    advice.get_by_role("button", name="Apply for validation of Prowadzenie księgowości").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for validation")
    expect(page.get_by_text("From your development plan: Księgowość w małej firmie.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Certifying institution").select_option(label="Centrum Walidacji, ul. Długa 1")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application was sent to the institution.")
    area = DevelopmentArea.objects.get(title="Księgowość w małej firmie")
    assert Validation.objects.get(candidate=balance.participant).plan_area == area
