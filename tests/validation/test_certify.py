"""Certification after a positive validation: only the institution's signer issues it, only for
a passed validation, once, naming the sets passed; the signer does it from the validation's page
(after a confirmation), and the candidate then sees the certificate on theirs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kierunek.core.actor import Actor
from kierunek.qualifications.models import Certificate
from kierunek.validation import services

from . import builders as b

pytestmark = pytest.mark.django_db


def _passed(ic):
    return b.record(ic, b.seated(ic, b.in_verification(ic)))


def test_the_signer_issues_the_certificate_of_a_passed_validation_once():
    ic = b.institution()
    validation = _passed(ic)

    certificate = services.validation_certify(actor=Actor.of(ic.signer), validation_id=validation.pk)

    assert certificate.holder == validation.candidate
    assert certificate.qualification == ic.qualification
    assert [s["code"] for s in certificate.outcome_sets] == ["ZE1", "ZE2"]
    assert services.certificate_of(validation) == certificate
    with pytest.raises(ValidationError, match="already been issued"):
        services.validation_certify(actor=Actor.of(ic.signer), validation_id=validation.pk)
    assert Certificate.objects.count() == 1


def test_nobody_but_the_signer_certifies_and_not_before_the_result():
    ic = b.institution()
    validation = _passed(ic)
    for person in (ic.advisor, ic.assessor, validation.candidate):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.validation_certify(actor=Actor.of(person), validation_id=validation.pk)
    open_one = b.in_verification(ic)
    with pytest.raises(ValidationError, match="only after a positive validation"):
        services.validation_certify(actor=Actor.of(ic.signer), validation_id=open_one.pk)
    assert not Certificate.objects.exists()


def test_the_signer_certifies_from_the_page_after_confirming_and_the_candidate_sees_it(client_for):
    ic = b.institution()
    validation = _passed(ic)
    signer = client_for(ic.signer)
    page = reverse("validation:staff_detail", args=[validation.pk])
    url = reverse("validation:staff_certify", args=[validation.pk])
    assert url in signer.get(page).content.decode()
    assert url not in client_for(ic.assessor).get(page).content.decode()

    asked = signer.post(url)
    assert asked.status_code == 200
    assert not Certificate.objects.exists()
    signer.post(url, {"confirmed": "yes"})
    certificate = Certificate.objects.get()

    assert certificate.number in signer.get(page).content.decode()
    mine = client_for(validation.candidate).get(reverse("validation:mine_detail", args=[validation.pk]))
    assert certificate.number in mine.content.decode()
    assert reverse("qualifications:my_certificates") in mine.content.decode()
