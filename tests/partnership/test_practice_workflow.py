"""The lifecycle of a good practice as a table, and the review through the services: a partner
writes and submits, an officer returns it with a comment or publishes it; only the partner's own
staff write, and nothing changes once it is submitted."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.workflow import TransitionRefused
from kierunek.partnership import services
from kierunek.partnership.models import PracticeStatus
from kierunek.partnership.workflows import PRACTICE

from . import builders as b

S = PracticeStatus
ALLOWED = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.RETURNED, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "publish"): S.PUBLISHED,
    (S.SUBMITTED, "return_for_changes"): S.RETURNED,
}
ROLE_OF = {"submit": Role.PARTNER_STAFF, "publish": Role.OFFICER, "return_for_changes": Role.OFFICER}


def test_the_table_names_every_transition():
    assert set(PRACTICE.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), [(s, n) for s in S.values for n in ROLE_OF])
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert PRACTICE.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            PRACTICE.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_returned_with_a_comment_changed_resubmitted_and_published_with_history_and_mail(
    django_capture_on_commit_callbacks,
):
    institution = b.partner()
    practice = b.practice(institution)
    with django_capture_on_commit_callbacks(execute=True):
        b.submitted(practice)
        b.reviewed(practice, publish=False, comment="Proszę opisać rezultaty.")
    practice.refresh_from_db()
    assert practice.status == S.RETURNED
    assert any("Proszę opisać rezultaty." in m.body for m in mail.outbox if m.to == [practice.author.email])

    services.practice_save(
        actor=Actor.of(practice.author),
        institution_id=institution.pk,
        practice_id=practice.pk,
        title=practice.title,
        summary=practice.summary,
        description=practice.description + " Rezultat: 40 osób znalazło pracę.",
        tags=["biblioteki"],
    )
    b.submitted(practice)
    b.reviewed(practice)
    practice.refresh_from_db()

    assert practice.status == S.PUBLISHED
    assert practice.published_at is not None
    assert [(e.status_from, e.status_to) for e in practice.events.all()] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.PUBLISHED),
    ]
    assert [t.name for t in practice.tags.all()] == ["biblioteki"]


@pytest.mark.django_db
def test_a_return_needs_a_comment_and_a_submitted_practice_cannot_be_changed():
    practice = b.submitted(b.practice(b.partner()))
    with pytest.raises(ValidationError):
        b.reviewed(practice, publish=False, comment="  ")
    with pytest.raises(ValidationError):
        services.practice_save(
            actor=Actor.of(practice.author),
            institution_id=practice.institution_id,
            practice_id=practice.pk,
            title="Inny tytuł",
            summary="x",
            description="y",
        )
    practice.refresh_from_db()
    assert (practice.status, practice.title) == (S.SUBMITTED, "Kluby pracy w bibliotekach gminnych")


@pytest.mark.django_db
def test_staff_of_another_institution_neither_write_nor_submit_its_practice():
    practice = b.practice(b.partner())
    stranger = b.staff_of(b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG))
    with pytest.raises(PermissionDenied):
        services.practice_submit(actor=Actor.of(stranger), practice_id=practice.pk)
    with pytest.raises(PermissionDenied):
        services.practice_save(
            actor=Actor.of(stranger),
            institution_id=practice.institution_id,
            practice_id=practice.pk,
            title="Przejęta",
            summary="x",
            description="y",
        )
    practice.refresh_from_db()
    assert (practice.status, practice.title) == (S.DRAFT, "Kluby pracy w bibliotekach gminnych")


@pytest.mark.django_db
def test_an_officer_cannot_submit_and_a_partner_cannot_publish():
    practice = b.practice(b.partner())
    with pytest.raises(PermissionDenied):
        services.practice_submit(actor=Actor.of(b.officer()), practice_id=practice.pk)
    b.submitted(practice)
    with pytest.raises(PermissionDenied):
        services.practice_review(actor=Actor.of(practice.author), practice_id=practice.pk, publish=True)
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
