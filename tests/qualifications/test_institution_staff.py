"""A certifying institution's staff see their own institution (its authorisations and who does
what), and nobody else's; a staff account with no institution is told what to do."""

from datetime import date

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.geo.models import Gmina
from kierunek.qualifications.models import Authorisation, CertificationStaff, CertifyingInstitution

from .factories import qualification

pytestmark = pytest.mark.django_db


def _institution(name: str) -> CertifyingInstitution:
    return CertifyingInstitution.objects.create(
        name=name, gmina=Gmina.objects.first(), address="ul. Długa 1, 30-001 Kraków", email="ic@example.org"
    )


def test_staff_see_their_institution_only(staff_client):
    client, user = staff_client(Role.CERTIFICATION_STAFF)
    mine, other = _institution("Instytut Pierwszy"), _institution("Instytut Drugi")
    q = qualification(code="TEST-01", name="Obsługa wózków")
    Authorisation.objects.create(institution=mine, qualification=q, valid_from=date(2026, 1, 1))
    CertificationStaff.objects.create(institution=mine, user=user, function="signer")

    page = client.get(reverse("qualifications:my_institutions")).content.decode()
    assert "Instytut Pierwszy" in page
    assert "TEST-01" in page
    assert other.name not in page

    dashboard = client.get(reverse("portal:dashboard"), follow=True).content.decode()
    assert "Instytut Pierwszy" in dashboard


def test_a_staff_account_without_an_institution_gets_a_next_step(staff_client):
    client, _user = staff_client(Role.CERTIFICATION_STAFF)
    page = client.get(reverse("qualifications:my_institutions")).content.decode()
    assert reverse("portal:dashboard") in page
