"""Services of the programmes context: draft, submission decided by the rule in force, an
officer's review, reopening, consents and their withdrawal. A refused call writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.programmes import selectors, services
from kierunek.programmes.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ConsentKind,
    ProgrammeConsent,
)
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

from .helpers import (
    FIRST_CALL_DAY,
    SECOND_CALL_DAY,
    TARNOW,
    answers,
    application_in_review,
    demo_programme,
    gmina,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def snapshot(application: Application) -> tuple:
    """Everything a refused call must leave as it was."""
    application.refresh_from_db()
    return (
        application.status,
        application.rule_version_id,
        application.decision_reasons,
        application.submitted_at,
        application.education_level,
        application.residence_gmina_id,
        ApplicationEvent.objects.filter(application=application).count(),
        ProgrammeConsent.objects.filter(user=application.participant).count(),
        AuditEvent.objects.count(),
    )


def draft(participant=None) -> Application:
    participant = participant or ParticipantFactory()
    return services.application_start(participant=participant, programme=demo_programme())


# --- drafts -----------------------------------------------------------------------------------


def test_a_draft_keeps_partial_answers():
    application = draft()
    services.application_save_draft(
        application_id=application.pk,
        participant=application.participant,
        answers=services.ApplicationAnswers(residence_gmina=gmina(TARNOW)),
        give_consents=[ConsentKind.CONTACT],
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.residence_gmina.teryt == TARNOW
    assert application.education_level is None
    assert selectors.active_consents(
        user=application.participant, programme=application.programme
    ).keys() == {"contact"}
    assert AuditEvent.objects.filter(action="application.draft_saved", object_id=str(application.pk)).exists()


def test_starting_twice_gives_the_same_application():
    participant = ParticipantFactory()
    first = draft(participant)
    assert draft(participant).pk == first.pk
    assert Application.objects.filter(participant=participant).count() == 1


def test_work_answers_of_a_person_who_does_not_work_are_dropped():
    application = draft()
    services.application_save_draft(
        application_id=application.pk,
        participant=application.participant,
        answers=answers(employment_status="unemployed", employment_form="", work_gmina=gmina()),
    )
    application.refresh_from_db()
    assert (application.work_gmina, application.employment_form) == (None, "")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"lives_outside_region": True}, "residence"),
        ({"works_outside_region": True}, "work"),
        ({"employment_form": "no_staff"}, "employment_form"),
        ({"employment_status": "retired"}, "employment_status"),
        ({"education_level": 9}, "education_level"),
    ],
)
def test_contradictory_answers_are_refused_even_in_a_draft(overrides, field):
    application = draft()
    before = snapshot(application)
    with pytest.raises(ValidationError) as caught:
        services.application_save_draft(
            application_id=application.pk, participant=application.participant, answers=answers(**overrides)
        )
    assert field in caught.value.message_dict
    assert snapshot(application) == before


# --- submission -------------------------------------------------------------------------------


def test_submission_decides_by_the_rule_in_force_and_records_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_application(participant, today=SECOND_CALL_DAY)

    assert application.status == ApplicationStatus.ELIGIBLE
    assert application.rule_version.valid_from == date(2026, 1, 1)
    assert "2210/25" in application.rule_version.decision_ref
    assert {r["rule"] for r in application.decision_reasons} == {"identity", "age", "region", "employment"}
    assert all(r["outcome"] == "met" for r in application.decision_reasons)
    events = list(application.events.values_list("status_from", "status_to"))
    assert events == [("", "draft"), ("draft", "submitted"), ("submitted", "eligible")]
    decided = application.events.get(status_to="eligible")
    assert (decided.actor, decided.rule_version) == (None, application.rule_version)
    audit = AuditEvent.objects.get(action="application.submitted")
    assert audit.details["outcome"] == "eligible"
    assert audit.details["rule_version"] == application.rule_version.pk
    assert selectors.participant_is_eligible(user=participant) is True
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [participant.email]


def test_the_same_answers_decided_under_each_call():
    """A 30-year-old with a degree: not in the first call's target groups, eligible in the second."""
    under_first = submitted_application(ParticipantFactory(), today=FIRST_CALL_DAY, education_level=6)
    under_second = submitted_application(ParticipantFactory(), today=SECOND_CALL_DAY, education_level=6)

    assert under_first.status == ApplicationStatus.INELIGIBLE
    assert "1742/24" in under_first.rule_version.decision_ref
    failed = [r for r in under_first.decision_reasons if r["outcome"] == "not_met"]
    assert [(r["rule"], r["values"]["education_level"]) for r in failed] == [("target_group", 6)]
    assert under_second.status == ApplicationStatus.ELIGIBLE
    assert "2210/25" in under_second.rule_version.decision_ref


def test_studying_here_only_goes_to_manual_review():
    application = application_in_review()
    assert application.status == ApplicationStatus.MANUAL_REVIEW
    region = next(r for r in application.decision_reasons if r["rule"] == "region")
    assert (region["outcome"], region["code"]) == ("review", "region_link_needs_document")


def test_a_submission_with_missing_answers_writes_nothing(mailoutbox, django_capture_on_commit_callbacks):
    application = draft()
    before = snapshot(application)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as caught:
        services.application_submit(
            application_id=application.pk,
            participant=application.participant,
            answers=services.ApplicationAnswers(residence_gmina=gmina(), employment_status="employed"),
            give_consents=[ConsentKind.PROCESSING, ConsentKind.CONTACT],
            today=SECOND_CALL_DAY,
        )
    assert set(caught.value.message_dict) == {"education_level", "employment_form", "work"}
    assert snapshot(application) == before  # no answers, no consents, no events, no audit
    assert mailoutbox == []


def test_a_submission_needs_consent_to_processing():
    application = draft()
    before = snapshot(application)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            application_id=application.pk,
            participant=application.participant,
            answers=answers(),
            give_consents=[ConsentKind.CONTACT],
            today=SECOND_CALL_DAY,
        )
    assert set(caught.value.message_dict) == {"consent_processing"}
    assert snapshot(application) == before


def test_no_submission_outside_the_programme_period():
    application = draft()
    before = snapshot(application)
    with translation.override("en"), pytest.raises(ValidationError, match="does not take applications"):
        services.application_submit(
            application_id=application.pk,
            participant=application.participant,
            answers=answers(),
            give_consents=[ConsentKind.PROCESSING],
            today=date(2024, 12, 31),
        )
    assert snapshot(application) == before


def test_a_submitted_application_cannot_be_changed_or_submitted_again():
    application = submitted_application()
    before = snapshot(application)
    with pytest.raises(ValidationError):
        services.application_save_draft(
            application_id=application.pk,
            participant=application.participant,
            answers=answers(education_level=1),
        )
    with pytest.raises(ValidationError):
        services.application_submit(
            application_id=application.pk, participant=application.participant, today=SECOND_CALL_DAY
        )
    assert snapshot(application) == before


def test_nobody_else_can_change_or_submit_a_participants_application():
    application = draft()
    services.consent_give(user=application.participant, programme=application.programme, kind="processing")
    before = snapshot(application)
    stranger = ParticipantFactory()
    with pytest.raises(PermissionDenied):
        services.application_save_draft(
            application_id=application.pk, participant=stranger, answers=answers()
        )
    with pytest.raises(PermissionDenied):
        services.application_submit(
            application_id=application.pk, participant=stranger, answers=answers(), today=SECOND_CALL_DAY
        )
    officer = StaffUserFactory(role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.application_submit(
            application_id=application.pk, participant=officer, answers=answers(), today=SECOND_CALL_DAY
        )
    assert snapshot(application) == before


# --- review by an officer -----------------------------------------------------------------------


def test_an_officer_accepts_with_a_reason(mailoutbox, django_capture_on_commit_callbacks):
    application = application_in_review()
    officer = StaffUserFactory(role=Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_review(
            application_id=application.pk,
            actor=Actor.of(officer),
            accept=True,
            reason="  Legitymacja studencka UJ.  ",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    event = application.events.last()
    assert (event.status_from, event.status_to, event.actor, event.note) == (
        "manual_review",
        "accepted",
        officer,
        "Legitymacja studencka UJ.",
    )
    assert AuditEvent.objects.filter(action="application.reviewed", actor=officer).exists()
    assert selectors.participant_is_eligible(user=application.participant)
    assert "Legitymacja studencka UJ." in mailoutbox[0].body


def test_an_officer_refuses_and_the_participant_is_not_eligible():
    application = application_in_review()
    officer = StaffUserFactory(role=Role.OFFICER)
    services.application_review(
        application_id=application.pk, actor=Actor.of(officer), accept=False, reason="Brak dokumentu."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert not selectors.participant_is_eligible(user=application.participant)


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.AUDITOR, Role.FINANCIAL_OPERATOR, Role.ADMINISTRATOR])
def test_only_an_officer_reviews(role):
    application = application_in_review()
    before = snapshot(application)
    with pytest.raises(PermissionDenied):
        services.application_review(
            application_id=application.pk,
            actor=Actor.of(StaffUserFactory(role=role)),
            accept=True,
            reason="OK",
        )
    with pytest.raises(PermissionDenied):
        services.application_review(
            application_id=application.pk, actor=Actor.of(application.participant), accept=True, reason="OK"
        )
    assert snapshot(application) == before


def test_a_review_needs_a_reason_and_a_case_waiting_for_review():
    officer = StaffUserFactory(role=Role.OFFICER)
    waiting = application_in_review()
    before = snapshot(waiting)
    with pytest.raises(ValidationError) as caught:
        services.application_review(
            application_id=waiting.pk, actor=Actor.of(officer), accept=True, reason="   "
        )
    assert "reason" in caught.value.message_dict
    assert snapshot(waiting) == before

    decided = submitted_application()
    before = snapshot(decided)
    with translation.override("en"), pytest.raises(ValidationError, match="not waiting"):
        services.application_review(
            application_id=decided.pk, actor=Actor.of(officer), accept=False, reason="No"
        )
    assert snapshot(decided) == before


@pytest.mark.parametrize(
    ("status", "eligible"),
    [
        ("draft", False),
        ("eligible", True),
        ("accepted", True),
        ("manual_review", False),
        ("ineligible", False),
    ],
)
def test_participant_is_eligible_by_status(status, eligible):
    participant = ParticipantFactory()
    application = submitted_application(participant)
    Application.objects.filter(pk=application.pk).update(status=status)
    assert selectors.participant_is_eligible(user=participant) is eligible


def test_participant_without_an_application_is_not_eligible():
    assert selectors.participant_is_eligible(user=ParticipantFactory()) is False
    assert selectors.current_application(user=ParticipantFactory()) is None


# --- reopening and consents -------------------------------------------------------------------


def test_an_ineligible_application_can_be_corrected_and_submitted_again():
    application = submitted_application(employment_status="unemployed", employment_form="")
    assert application.status == ApplicationStatus.INELIGIBLE
    services.application_reopen(application_id=application.pk, participant=application.participant)
    application.refresh_from_db()
    assert (application.status, application.rule_version, application.decision_reasons) == ("draft", None, [])

    services.application_submit(
        application_id=application.pk,
        participant=application.participant,
        answers=answers(),
        today=SECOND_CALL_DAY,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert list(application.events.values_list("status_to", flat=True)) == [
        "draft",
        "submitted",
        "ineligible",
        "draft",
        "submitted",
        "eligible",
    ]


def test_an_eligible_application_is_not_reopened():
    application = submitted_application()
    before = snapshot(application)
    with pytest.raises(ValidationError):
        services.application_reopen(application_id=application.pk, participant=application.participant)
    assert snapshot(application) == before


def test_withdrawing_consent_to_processing_withdraws_the_application():
    application = submitted_application()
    participant = application.participant
    services.consent_withdraw(user=participant, programme=application.programme, kind=ConsentKind.PROCESSING)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    consent = ProgrammeConsent.objects.get(user=participant, kind="processing")
    assert consent.withdrawn_at is not None
    assert consent.text_version == "2026-01"
    assert not selectors.participant_is_eligible(user=participant)
    assert AuditEvent.objects.filter(action="consent.withdrawn", actor=participant).exists()

    # Applying again needs the consent again.
    services.application_reopen(application_id=application.pk, participant=participant)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            application_id=application.pk, participant=participant, today=SECOND_CALL_DAY
        )
    assert "consent_processing" in caught.value.message_dict
    services.application_submit(
        application_id=application.pk,
        participant=participant,
        give_consents=[ConsentKind.PROCESSING],
        today=SECOND_CALL_DAY,
    )
    assert ProgrammeConsent.objects.filter(user=participant, kind="processing").count() == 2


def test_withdrawing_consent_to_contact_leaves_the_application():
    application = submitted_application()
    participant = application.participant
    services.consent_give(user=participant, programme=application.programme, kind=ConsentKind.CONTACT)
    services.consent_withdraw(user=participant, programme=application.programme, kind=ConsentKind.CONTACT)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE


def test_a_refused_application_stays_refused_when_consent_is_withdrawn():
    application = application_in_review()
    services.application_review(
        application_id=application.pk,
        actor=Actor.of(StaffUserFactory(role=Role.OFFICER)),
        accept=False,
        reason="Brak.",
    )
    services.consent_withdraw(
        user=application.participant, programme=application.programme, kind="processing"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED


def test_withdrawing_a_consent_not_in_force_is_refused():
    participant = ParticipantFactory()
    with pytest.raises(ValidationError):
        services.consent_withdraw(user=participant, programme=demo_programme(), kind=ConsentKind.CONTACT)
    assert not AuditEvent.objects.filter(action="consent.withdrawn").exists()


def test_giving_a_consent_twice_keeps_one_in_force():
    participant = ParticipantFactory()
    first = services.consent_give(user=participant, programme=demo_programme(), kind=ConsentKind.CONTACT)
    second = services.consent_give(user=participant, programme=demo_programme(), kind=ConsentKind.CONTACT)
    assert first.pk == second.pk


# --- the staff read of a file -----------------------------------------------------------------


def test_an_officer_reading_an_application_is_audited():
    application = submitted_application()
    officer = StaffUserFactory(role=Role.OFFICER)
    services.application_file_read(application_id=application.pk, actor=Actor.of(officer))
    event = AuditEvent.objects.get(action="participant.file_read")
    assert (event.actor, event.object_type, event.object_id) == (
        officer,
        "programmes.application",
        str(application.pk),
    )
    assert event.details == {"participant": application.participant_id, "what": "application"}


def test_a_draft_is_not_an_officers_to_read():
    application = draft()
    with pytest.raises(Application.DoesNotExist):
        services.application_file_read(
            application_id=application.pk, actor=Actor.of(StaffUserFactory(role=Role.OFFICER))
        )
    assert not AuditEvent.objects.filter(action="participant.file_read").exists()
