"""The pages of validation: the candidate applies from a qualification's page or from their own
plan's area (another's area is 404), documents with portfolio evidence and sees only their own
validations; the institution's staff act from the validation's page and the session's page, and
see only their institution's; the office registers institutions, authorisations and staff."""

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.qualifications.models import Authorisation, CertificationStaff, CertifyingInstitution
from kierunek.validation import services
from kierunek.validation.models import Validation, ValidationStatus
from tests.accounts.factories import StaffUserFactory

from . import builders as b

pytestmark = pytest.mark.django_db


def test_the_qualification_page_offers_validation_and_the_candidate_applies(client_for):
    ic = b.institution()
    person = b.candidate()
    page = (
        client_for(person)
        .get(reverse("qualifications:detail", args=[ic.qualification.code]))
        .content.decode()
    )
    apply_url = reverse("validation:apply") + f"?kwalifikacja={ic.qualification.code}"
    assert apply_url in page

    client = client_for(person)
    assert ic.institution.name in client.get(apply_url).content.decode()
    response = client.post(apply_url, {"institution": ic.institution.pk, "motivation": "Pracuję w zawodzie."})
    validation = Validation.objects.get(candidate=person)
    assert response.status_code == 302
    assert response.url == reverse("validation:mine_detail", args=[validation.pk])
    assert validation.motivation == "Pracuję w zawodzie."


def test_an_application_from_the_plan_takes_only_the_candidates_own_area(client_for):
    from kierunek.guidance.models import CompetenceBalance, DevelopmentArea, DevelopmentPlan

    ic = b.institution()
    person = b.candidate()
    balance = CompetenceBalance.objects.create(
        participant=person, advisor=StaffUserFactory(role=Role.ADVISOR)
    )
    plan = DevelopmentPlan.objects.create(balance=balance)
    area = DevelopmentArea.objects.create(
        plan=plan,
        title="Szkolenia",
        goals="Certyfikat",
        package_kind="vocational",
        qualification=ic.qualification,
    )
    client = client_for(person)
    url = reverse("validation:apply") + f"?obszar={area.pk}"
    assert ic.qualification.name in client.get(url).content.decode()
    client.post(url, {"institution": ic.institution.pk})
    assert Validation.objects.get(candidate=person).plan_area == area
    assert client_for(b.candidate()).get(url).status_code == 404


def test_the_candidate_documents_with_portfolio_evidence_and_another_person_gets_404(client_for):
    ic = b.institution()
    validation = b.applied(ic)
    services.validation_accept(
        actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk
    )
    item = b.portfolio_item(validation.candidate)
    outcome = ic.qualification.outcome_sets.first().outcomes.first()
    client = client_for(validation.candidate)
    page = client.get(reverse("validation:mine_detail", args=[validation.pk])).content.decode()
    assert item.title in page
    response = client.post(
        reverse("validation:mine_evidence_portfolio", args=[validation.pk]),
        {"portfolio-portfolio_item": item.pk, "portfolio-outcomes": [outcome.pk]},
    )
    assert response.status_code == 302
    assert validation.evidence.get().portfolio_item == item
    other = client_for(b.candidate())
    assert other.get(reverse("validation:mine_detail", args=[validation.pk])).status_code == 404


def test_staff_accept_and_see_only_their_institutions_validations(client_for):
    ic = b.institution()
    other = b.institution(code="TEST-02", name="Inny Instytut")
    validation = b.applied(ic)
    foreign = b.applied(other)
    client = client_for(ic.signer)
    listing = client.get(reverse("validation:staff_list")).content.decode()
    assert reverse("validation:staff_detail", args=[validation.pk]) in listing
    assert reverse("validation:staff_detail", args=[foreign.pk]) not in listing
    assert client.get(reverse("validation:staff_detail", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("validation:staff_accept", args=[validation.pk]),
        {"advisor": ic.advisor.pk, "fee": "1 250,50"},
    )
    assert response.status_code == 302
    validation.refresh_from_db()
    assert (validation.status, validation.advisor) == (ValidationStatus.IDENTIFICATION, ic.advisor)
    assert validation.fee == 125050
    dashboard = client_for(ic.advisor).get(reverse("portal:dashboard"), follow=True).content.decode()
    assert "Walidacje czekające na Ciebie" in dashboard or "Validations waiting for you" in dashboard


def test_the_commission_records_results_on_the_sessions_page(client_for):
    ic = b.institution()
    seat = b.seated(ic, b.in_verification(ic))
    client = client_for(ic.assessor)
    url = reverse("validation:staff_session", args=[seat.session.pk])
    assert seat.validation.candidate.get_full_name() in client.get(url).content.decode()
    data = {}
    for outcome_set in seat.session.outcome_sets.all():
        data[f"seat{seat.pk}-theory_{outcome_set.pk}"] = "yes"
        data[f"seat{seat.pk}-practical_{outcome_set.pk}"] = "yes"
    response = client.post(reverse("validation:staff_results", args=[seat.pk]), data)
    assert response.status_code == 302
    seat.validation.refresh_from_db()
    assert seat.validation.status == ValidationStatus.PASSED


def test_the_office_registers_an_institution_its_authorisation_and_staff(client_for):
    from kierunek.geo.models import Gmina
    from tests.qualifications.factories import qualification

    officer = StaffUserFactory(role=Role.OFFICER)
    client = client_for(officer)
    q = qualification()
    dashboard = client.get(reverse("portal:dashboard"), follow=True).content.decode()
    assert reverse("validation:office_institutions") in dashboard
    response = client.post(
        reverse("validation:office_institutions"),
        {
            "name": "Nowe Centrum",
            "gmina": Gmina.objects.first().pk,
            "address": "ul. Krótka 2",
            "email": "nc@example.org",
        },
    )
    institution = CertifyingInstitution.objects.get(name="Nowe Centrum")
    assert response.url == reverse("validation:office_institution", args=[institution.pk])
    client.post(
        reverse("validation:office_authorise", args=[institution.pk]),
        {"qualification": q.code, "valid_from": "2026-01-01"},
    )
    assert Authorisation.objects.filter(institution=institution, qualification=q).exists()
    participant = b.candidate()
    refused = client.post(
        reverse("validation:office_staff_add", args=[institution.pk]),
        {"email": participant.email, "function": "assessor"},
    )
    assert refused.status_code == 400
    person = StaffUserFactory(role=Role.CERTIFICATION_STAFF)
    client.post(
        reverse("validation:office_staff_add", args=[institution.pk]),
        {"email": person.email, "function": "assessor"},
    )
    assert CertificationStaff.objects.filter(
        institution=institution, user=person, function="assessor", active=True
    ).exists()
