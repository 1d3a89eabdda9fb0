"""The reads of the quality mark: who sees which evidence, the officer's list, the report builder."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.quality import selectors as qs
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import (
    add_report,
    case_in_state,
    pdf,
    standards,
)
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState


# --- reads -------------------------------------------------------------------------------------


def test_evidence_is_visible_to_the_people_involved_only():
    world = case_in_state(S.SELF_ASSESSMENT)
    evidence = quality.evidence_add(
        case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(world.staff)
    )
    # the case moves on to an audit with an undeclared auditor
    quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    assignment = quality.auditor_assign(case=world.case, auditor=world.auditor, actor=Actor.of(world.officer))

    def sees(user) -> bool:
        return qs.evidence_visible_to(user=user, evidence_id=evidence.pk) is not None

    assert sees(world.staff)
    assert sees(world.officer)
    assert not sees(world.auditor.user)  # not before the declaration
    assert not sees(provider_staff_of(ProviderFactory()))
    assert not sees(AuditorFactory().user)
    assert not sees(StaffUserFactory(role=Role.FINANCIAL_OPERATOR))
    quality.auditor_declare(
        assignment=assignment, has_conflict=False, statement="", actor=Actor.of(world.auditor.user)
    )
    assert sees(world.auditor.user)


def test_the_officers_list_puts_waiting_cases_first():
    for state in [S.GRANTED, S.APPLICATION, S.AUDIT_REPORTED, S.AWAITING_AUDIT, S.EXPIRED]:
        case_in_state(state)
    groups = qs.cases_for_officer()
    assert [g.state for g in groups] == [
        S.AWAITING_AUDIT,
        S.AUDIT_REPORTED,
        S.APPLICATION,
        S.GRANTED,
        S.EXPIRED,
    ]
    assert [g.waiting for g in groups] == [True, True, False, False, False]


def test_a_report_draft_builder_is_complete():
    # the builder used across these tests leaves what the services would (a sanity check)
    world = case_in_state(S.AUDIT)
    assert world.case.audit_report.findings.count() == len(standards())
    assert world.case.audit_report.submitted_at is None
    other = case_in_state(S.AUDIT, with_report=False)
    add_report(other, submitted=False, results={standards()[0].code: "not_met"})
    assert other.case.audit_report.findings.filter(result="not_met").count() == 1
