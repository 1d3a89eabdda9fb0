"""The application services one by one (opening a case, the self-assessment and its evidence,
the submission): what each writes, whom it tells, and what it refuses without changing anything."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.providers.models import ProviderMember, ProviderStatus
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import (
    PDF_BYTES,
    PNG_BYTES,
    case_in_state,
    counts,
    pdf,
    recipients,
    standards,
)
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState


# --- opening a case ----------------------------------------------------------------------------


def test_an_approved_provider_opens_a_case(django_capture_on_commit_callbacks):
    # given an approved provider with two staff members
    provider = ProviderFactory()
    owner = provider_staff_of(provider)
    colleague = StaffUserFactory(role=Role.PROVIDER_STAFF)
    ProviderMember.objects.create(provider=provider, user=colleague)
    # when the owner applies
    with django_capture_on_commit_callbacks(execute=True):
        case = quality.quality_case_open(provider=provider, actor=Actor.of(owner))
    # then a case in application, with its history and audit record, and both colleagues are told
    assert case.state == S.APPLICATION
    assert case.renewal_of is None
    assert case.created_by == owner
    assert list(case.events.values_list("transition", "to_state")) == [("open", "application")]
    assert AuditEvent.objects.filter(action="quality.case_opened", object_id=str(case.pk)).exists()
    assert recipients() == {owner.email, colleague.email}


@pytest.mark.parametrize("status", [ProviderStatus.PENDING, ProviderStatus.REJECTED])
def test_a_provider_not_approved_cannot_apply(status):
    provider = ProviderFactory(status=status)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=provider, actor=Actor.of(provider_staff_of(provider)))
    assert refused.value.messages == [
        gettext(
            "Your institution must be approved by a programme officer before it applies for the quality mark."
        )
    ]
    assert counts() == before


@pytest.mark.parametrize("open_state", sorted(quality.OPEN_STATES))
def test_only_one_case_in_progress(open_state):
    world = case_in_state(open_state)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    assert refused.value.messages == [
        gettext("Your institution already has an application for the quality mark in progress.")
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("newest", "is_renewal"),
    [(S.GRANTED, True), (S.EXPIRED, True), (S.REFUSED, False), (S.WITHDRAWN, False)],
)
def test_renewal_after_a_mark(newest, is_renewal):
    # given a provider whose newest case ended (or holds a mark)
    world = case_in_state(newest)
    # when it applies again
    case = quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    # then the new case renews the mark if there was one
    assert case.renewal_of == (world.case if is_renewal else None)
    assert case.state == S.APPLICATION


def test_a_suspended_mark_cannot_be_renewed_meanwhile():
    world = case_in_state(S.SUSPENDED)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.quality_case_open(provider=world.provider, actor=Actor.of(world.staff))
    assert refused.value.messages == [
        gettext("Your quality mark is suspended. You can apply again once the suspension is lifted or ends.")
    ]
    assert counts() == before


@pytest.mark.parametrize("who", ["other_staff", "officer", "auditor"])
def test_only_the_providers_staff_apply(who):
    provider = ProviderFactory()
    actor = {
        "other_staff": lambda: provider_staff_of(ProviderFactory()),
        "officer": lambda: StaffUserFactory(role=Role.OFFICER),
        "auditor": lambda: AuditorFactory().user,
    }[who]()
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.quality_case_open(provider=provider, actor=Actor.of(actor))
    assert counts() == before


# --- self-assessment and evidence --------------------------------------------------------------


def test_the_first_self_assessment_entry_starts_the_self_assessment():
    world = case_in_state(S.APPLICATION)
    standard = standards()[0]
    entry = quality.self_assessment_save(
        case=world.case,
        standard=standard,
        how_met="  Ankieta przed szkoleniem.  ",
        actor=Actor.of(world.staff),
    )
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT
    assert entry.how_met == "Ankieta przed szkoleniem."
    assert entry.updated_by == world.staff
    assert list(world.case.events.values_list("transition", flat=True)) == ["start_self_assessment"]
    assert AuditEvent.objects.filter(action="quality.self_assessment_saved").count() == 1
    # saving again changes the text, not the number of entries or the state
    quality.self_assessment_save(
        case=world.case, standard=standard, how_met="Wywiad i ankieta.", actor=Actor.of(world.staff)
    )
    assert world.case.self_assessment.get().how_met == "Wywiad i ankieta."
    assert world.case.events.count() == 1


@pytest.mark.parametrize("how_met", ["", "   ", "x" * (quality.MAX_TEXT + 1)])
def test_self_assessment_text_is_required_and_bounded(how_met):
    world = case_in_state(S.SELF_ASSESSMENT)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met=how_met, actor=Actor.of(world.staff)
        )
    assert "how_met" in refused.value.error_dict
    assert counts() == before


@pytest.mark.parametrize("state", [S.AWAITING_AUDIT, S.AUDIT, S.GRANTED, S.REFUSED])
def test_the_self_assessment_is_frozen_after_submission(state):
    world = case_in_state(state)
    before = counts()
    texts = list(world.case.self_assessment.values_list("how_met", flat=True))
    with pytest.raises(TransitionRefused) as refused:
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met="Zmiana", actor=Actor.of(world.staff)
        )
    assert str(refused.value.message)
    with pytest.raises(TransitionRefused):
        quality.evidence_add(
            case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(world.staff)
        )
    assert counts() == before
    assert list(world.case.self_assessment.values_list("how_met", flat=True)) == texts


def test_an_inactive_standard_is_refused():
    world = case_in_state(S.SELF_ASSESSMENT)
    standard = standards()[0]
    standard.active = False
    standard.save()
    before = counts()
    with pytest.raises(ValidationError):
        quality.self_assessment_save(
            case=world.case, standard=standard, how_met="Opis", actor=Actor.of(world.staff)
        )
    assert counts() == before


@pytest.mark.parametrize("who", ["other_staff", "officer", "auditor"])
def test_only_the_providers_staff_write_the_self_assessment(who):
    world = case_in_state(S.SELF_ASSESSMENT)
    actor = {
        "other_staff": lambda: provider_staff_of(ProviderFactory()),
        "officer": lambda: world.officer,
        "auditor": lambda: world.auditor.user,
    }[who]()
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.self_assessment_save(
            case=world.case, standard=standards()[0], how_met="Obce", actor=Actor.of(actor)
        )
    with pytest.raises(PermissionDenied):
        quality.evidence_add(case=world.case, standard=standards()[0], upload=pdf(), actor=Actor.of(actor))
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("Regulamin szkoleń.PDF", PDF_BYTES, "pdf"), ("sala.png", PNG_BYTES, "png")],
)
def test_evidence_is_stored_under_a_random_name(name, content, kind):
    world = case_in_state(S.APPLICATION)
    evidence = quality.evidence_add(
        case=world.case,
        standard=standards()[2],
        upload=SimpleUploadedFile(name, content),
        actor=Actor.of(world.staff),
    )
    assert evidence.file_kind == kind
    assert evidence.original_name == name
    assert name not in evidence.file.name
    assert evidence.file.name.startswith("providers/evidence/")
    assert evidence.file.read() == content
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT  # evidence is part of the self-assessment
    assert AuditEvent.objects.filter(action="quality.evidence_added").get().details["kind"] == kind


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("skrypt.pdf", b"<html><script>alert(1)</script>"), "bad_type"),
        (SimpleUploadedFile("dokument.docx", b"PK\x03\x04 word"), "bad_type"),
        (SimpleUploadedFile("dowod.exe", PDF_BYTES), "bad_type"),
        (SimpleUploadedFile("pusty.pdf", b""), "empty"),
        (SimpleUploadedFile("duzy.pdf", PDF_BYTES + b"0" * 2048), "too_large"),
    ],
    ids=["html-named-pdf", "docx", "pdf-named-exe", "empty", "too-large"],
)
def test_evidence_uploads_are_refused_with_a_clear_error(settings, upload, code):
    settings.KIERUNEK_UPLOAD_MAX_BYTES = 1024
    world = case_in_state(S.SELF_ASSESSMENT)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.evidence_add(
            case=world.case, standard=standards()[0], upload=upload, actor=Actor.of(world.staff)
        )
    assert refused.value.code == code
    assert refused.value.messages[0]
    assert counts() == before


def test_evidence_per_standard_is_limited():
    world = case_in_state(S.SELF_ASSESSMENT)
    standard = standards()[0]
    for n in range(quality.MAX_EVIDENCE_PER_STANDARD):
        quality.evidence_add(
            case=world.case, standard=standard, upload=pdf(f"{n}.pdf"), actor=Actor.of(world.staff)
        )
    before = counts()
    with pytest.raises(ValidationError):
        quality.evidence_add(case=world.case, standard=standard, upload=pdf(), actor=Actor.of(world.staff))
    assert counts() == before


# --- submission --------------------------------------------------------------------------------


def test_submission_tells_the_staff_and_every_active_officer(django_capture_on_commit_callbacks):
    # given a complete self-assessment, two active officers and one inactive
    world = case_in_state(S.SELF_ASSESSMENT)
    officer_b = StaffUserFactory(role=Role.OFFICER)
    retired = StaffUserFactory(role=Role.OFFICER, is_active=False)
    # when the provider submits
    with django_capture_on_commit_callbacks(execute=True):
        quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    # then the case waits for an auditor, and the people involved are told
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT
    assert world.case.submitted_at is not None
    assert recipients() == {world.staff.email, world.officer.email, officer_b.email}
    assert retired.email not in recipients()
    assert all(message.subject.startswith("Kierunek: ") for message in mail.outbox)


def test_a_started_self_assessment_must_cover_every_standard():
    world = case_in_state(S.SELF_ASSESSMENT)
    first, second = standards()[:2]
    world.case.self_assessment.filter(standard__in=[first, second]).delete()
    before = counts()
    with pytest.raises(ValidationError) as refused:
        quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    assert first.code in str(refused.value)
    assert second.code in str(refused.value)
    assert counts() == before
    world.case.refresh_from_db()
    assert world.case.state == S.SELF_ASSESSMENT
    assert world.case.submitted_at is None


def test_the_self_assessment_is_optional():
    world = case_in_state(S.APPLICATION)
    quality.case_submit(case=world.case, actor=Actor.of(world.staff))
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT


def test_staff_of_another_provider_cannot_submit():
    world = case_in_state(S.SELF_ASSESSMENT)
    before = counts()
    with pytest.raises(PermissionDenied):
        quality.case_submit(case=world.case, actor=Actor.of(provider_staff_of(ProviderFactory())))
    assert counts() == before
