"""The demo register: thirty qualifications marked as demo data, each with outcome sets whose
outcomes have criteria, the catalogue's demo validation exams linked to some of them (so the
filter and the qualification's page find services), and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.qualifications.demo import LINKED
from kierunek.qualifications.models import LearningOutcome, Qualification

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_register_is_marked_and_linked_to_cards():
    run_seed()
    run_seed()

    assert Qualification.objects.count() == 30
    assert not Qualification.objects.filter(demo=False).exists()
    assert all(q.code.startswith("DEMO-") for q in Qualification.objects.all())
    assert not LearningOutcome.objects.filter(criteria=[]).exists()
    linked = ServiceCard.objects.exclude(qualification_code="")
    assert linked.exists()
    assert set(linked.values_list("qualification_code", flat=True)) <= set(LINKED)
    assert set(linked.values_list("service_type", flat=True)) == {"exam"}
    assert linked.filter(status=CardStatus.PUBLISHED).exists()


def test_the_demo_institutions_have_authorisations_and_separate_functions():
    from kierunek.accounts.demo import demo_email
    from kierunek.accounts.models import Role
    from kierunek.qualifications.demo import INSTITUTIONS
    from kierunek.qualifications.models import Authorisation, CertificationStaff, CertifyingInstitution

    run_seed()
    run_seed()

    assert CertifyingInstitution.objects.filter(demo=True).count() == len(INSTITUTIONS)
    assert Authorisation.objects.count() == sum(len(codes) for *_rest, codes in INSTITUTIONS)
    functions = {
        (link.user.email, link.function) for link in CertificationStaff.objects.select_related("user")
    }
    signer = demo_email(Role.CERTIFICATION_STAFF)
    assert (signer, "signer") in functions
    advisors = {email for email, function in functions if function == "advisor"}
    assessors = {email for email, function in functions if function == "assessor"}
    assert len(assessors - advisors) >= 2, "a commission of two can be formed without the advisor"


def test_the_demo_certificates_show_every_answer_and_are_seeded_once():
    from django.utils import timezone

    from kierunek.accounts.demo import demo_email
    from kierunek.accounts.models import Role
    from kierunek.qualifications import domain
    from kierunek.qualifications.demo import CERTIFICATES
    from kierunek.qualifications.models import Certificate

    run_seed()
    run_seed()

    certificates = list(Certificate.objects.select_related("signer"))
    assert len(certificates) == len(CERTIFICATES) + 1  # and the renewal
    assert {c.signer.email for c in certificates} == {demo_email(Role.CERTIFICATION_STAFF)}
    today = timezone.localdate()
    standings = {
        domain.certificate_standing(status=c.status, valid_until=c.valid_until, today=today)
        for c in certificates
    }
    assert standings == {"valid", "expired", "revoked"}
    assert {c.status for c in certificates} == {"issued", "renewed", "revoked"}
    assert Certificate.objects.filter(holder__email=demo_email(Role.PARTICIPANT)).exists()
