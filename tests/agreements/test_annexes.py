"""Annexes: a newer version of an agreed rule calls for one annex with only that rule; one waits at a
time; once accepted, nothing changed calls for none; rules that are not agreed do not count."""

import pytest
from django.utils import timezone

from kierunek.agreements import domain, services
from kierunek.programmes.models import RuleVersion
from tests.guidance.builders import signed_balance

from . import builders as b

pytestmark = pytest.mark.django_db


def _new_version(agreement, key: str) -> RuleVersion:
    current = (
        RuleVersion.objects.filter(programme=agreement.programme, key=key).order_by("-valid_from").first()
    )
    return RuleVersion.objects.create(
        programme=agreement.programme,
        key=key,
        valid_from=timezone.localdate(),
        value=current.value,
        decision_ref="Uchwała nr 999/26 Zarządu Województwa Małopolskiego",
    )


def test_a_new_version_of_an_agreed_rule_calls_for_one_annex_with_only_that_rule():
    participant = signed_balance().participant
    agreement = b.participation_accepted(participant)
    assert services.participation_annex_prepare(agreement_id=agreement.pk) is None  # nothing changed

    _new_version(agreement, "eligibility")  # not an agreed rule
    assert services.participation_annexes_generate() == 0

    version = _new_version(agreement, "consumption")
    annex = services.participation_annex_prepare(agreement_id=agreement.pk)
    assert annex is not None
    assert (annex.kind, annex.parent_id, annex.status) == (domain.ANNEX, agreement.pk, domain.AWAITING)
    assert set(annex.rules) == {"consumption"}
    assert annex.rules["consumption"]["id"] == version.pk
    assert agreement.number in annex.text
    assert "999/26" in annex.text
    assert services.participation_annexes_generate() == 0  # one waits at a time

    b.accept_with_email(annex, participant)
    assert services.participation_annex_prepare(agreement_id=agreement.pk) is None


def test_an_agreement_not_yet_accepted_gets_no_annex():
    agreement = b.participation(signed_balance().participant)
    _new_version(agreement, "booking")
    assert services.participation_annex_prepare(agreement_id=agreement.pk) is None
