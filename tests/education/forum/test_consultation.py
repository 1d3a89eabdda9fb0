"""The consultation of a standard: members comment on a version in consultation (others may not,
nor on a draft or after it closes), the coordinator answers each comment, adoption is refused while
a comment has no answer, then the version is adopted and published, each step audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.education.models import MemberKind, VersionStatus
from kierunek.education.services.forum import (
    comment_add,
    comment_answer,
    forum_member_add,
    standard_draft,
    version_adopt,
    version_open_consultation,
    version_publish,
    version_withdraw,
)
from tests.accounts.factories import StaffUserFactory
from tests.education import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in English (the site's default language is Polish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def forum():
    m = b.metropolis()
    coordinator = Actor.of(StaffUserFactory(role=Role.METROPOLIS_STAFF))
    member = b.director(b.KRAKOW)
    forum_member_add(
        actor=coordinator, metropolis=m, user=member, kind=MemberKind.SCHOOL, organisation="SP Kraków"
    )
    version = standard_draft(actor=coordinator, metropolis=m, title="Standard", text="1. Zasada.")
    return m, coordinator, member, version


def test_the_consultation_from_draft_to_publication(forum):
    _m, coordinator, member, version = forum
    with pytest.raises(ValidationError, match="not open"):
        comment_add(actor=Actor.of(member), version_id=version.pk, text="Za wcześnie")
    version_open_consultation(actor=coordinator, version=version, until=timezone.localdate())
    first = comment_add(actor=Actor.of(member), version_id=version.pk, text="Uwaga 1", section="1")
    second = comment_add(actor=Actor.of(member), version_id=version.pk, text="Uwaga 2")
    comment_answer(actor=coordinator, comment_id=first.pk, answer="Przyjęto.")
    with pytest.raises(ValidationError, match="1 without an answer"):
        version_adopt(actor=coordinator, version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION
    comment_answer(actor=coordinator, comment_id=second.pk, answer="Odrzucono, bo…")
    version_adopt(actor=coordinator, version=version)
    version_publish(actor=coordinator, version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert version.adopted_on == version.published_on == timezone.localdate()
    actions = list(
        AuditEvent.objects.filter(action__startswith="education.").values_list("action", flat=True)
    )
    for action in (
        "education.consultation_opened",
        "education.standard_commented",
        "education.comment_answered",
        "education.standard_adopted",
        "education.standard_published",
    ):
        assert action in actions
    with pytest.raises(ValidationError):
        comment_answer(actor=coordinator, comment_id=second.pk, answer="Za późno")


def test_only_members_comment_and_only_while_open(forum):
    m, coordinator, _member, version = forum
    version_open_consultation(actor=coordinator, version=version, until=timezone.localdate())
    with pytest.raises(PermissionDenied):
        comment_add(actor=Actor.of(b.director(b.WIELICZKA)), version_id=version.pk, text="Nie członek")
    with pytest.raises(ValidationError):
        version_open_consultation(
            actor=coordinator,
            version=standard_draft(actor=coordinator, metropolis=m, title="Inny", text="x"),
            until=timezone.localdate() - timedelta(days=1),
        )


def test_only_the_coordinator_moves_a_version(forum):
    _m, _coordinator, member, version = forum
    with pytest.raises(PermissionDenied):
        version_open_consultation(actor=Actor.of(member), version=version, until=timezone.localdate())
    with pytest.raises(PermissionDenied):
        comment_answer(actor=Actor.of(member), comment_id=1, answer="x")


def test_a_withdrawn_version_cannot_be_adopted_and_a_new_draft_follows(forum):
    m, coordinator, _member, version = forum
    with pytest.raises(ValidationError, match="already has a version"):
        standard_draft(actor=coordinator, metropolis=m, title="", text="v2", standard=version.standard)
    version_withdraw(actor=coordinator, version=version)
    with pytest.raises(TransitionRefused):
        version_adopt(actor=coordinator, version=version)
    second = standard_draft(actor=coordinator, metropolis=m, title="", text="v2", standard=version.standard)
    assert second.number == 2
