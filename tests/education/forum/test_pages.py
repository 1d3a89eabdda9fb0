"""The Forum's pages: members see meetings, topics, the standards in consultation and the map of
good practices; a member comments; the coordinator answers, is refused adoption while a comment
waits, adopts and publishes; a non-member sees only published versions; drafts are the
coordinator's."""

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.models import MemberKind, StandardComment, VersionStatus
from kierunek.education.services.forum import forum_member_add, standard_draft, version_open_consultation
from tests.accounts.factories import StaffUserFactory
from tests.education import builders as b
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    m = b.metropolis()
    coordinator = StaffUserFactory(role=Role.METROPOLIS_STAFF)
    member = b.director(b.KRAKOW)
    forum_member_add(
        actor=Actor.of(coordinator),
        metropolis=m,
        user=member,
        kind=MemberKind.SCHOOL,
        organisation="SP Kraków",
    )
    draft = standard_draft(
        actor=Actor.of(coordinator), metropolis=m, title="Standard dobrostanu", text="1. Zasada."
    )
    return m, coordinator, member, draft


def test_a_member_comments_and_the_coordinator_adopts_after_answering(setting, client_for):
    _m, coordinator, member, version = setting
    boss = client_for(coordinator)
    assert "Standard dobrostanu" in text(boss.get("/edukacja/forum/"))
    today = timezone.localdate().isoformat()
    assert (
        boss.post(f"/edukacja/forum/standardy/{version.pk}/konsultacje/", {"until": today}).status_code == 302
    )
    member_client = client_for(member)
    page = member_client.get("/edukacja/forum/")
    assert "Standard dobrostanu" in text(page)
    response = member_client.post(
        f"/edukacja/forum/standardy/{version.pk}/", {"text": "Dodać koordynatora.", "section": "1"}
    )
    assert response.status_code == 302
    comment = StandardComment.objects.get()
    assert boss.post(f"/edukacja/forum/standardy/{version.pk}/przyjmij/").status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION  # refused: a comment waits
    boss.post(
        f"/edukacja/forum/standardy/{version.pk}/uwagi/{comment.pk}/odpowiedz/", {"answer": "Przyjęto."}
    )
    boss.post(f"/edukacja/forum/standardy/{version.pk}/przyjmij/")
    boss.post(f"/edukacja/forum/standardy/{version.pk}/opublikuj/")
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert member.email not in text(member_client.get(f"/edukacja/forum/standardy/{version.pk}/"))


def test_a_non_member_sees_only_published_versions_and_drafts_are_the_coordinators(setting, client_for):
    m, coordinator, member, version = setting
    outsider = client_for(b.director(b.WIELICZKA))
    assert outsider.get(f"/edukacja/forum/standardy/{version.pk}/").status_code == 404
    version_open_consultation(actor=Actor.of(coordinator), version=version, until=timezone.localdate())
    assert outsider.get(f"/edukacja/forum/standardy/{version.pk}/").status_code == 404
    assert outsider.post(f"/edukacja/forum/standardy/{version.pk}/", {"text": "x"}).status_code == 404
    member_client = client_for(member)
    other_draft = standard_draft(actor=Actor.of(coordinator), metropolis=m, title="Szkic", text="x")
    assert member_client.get(f"/edukacja/forum/standardy/{other_draft.pk}/").status_code == 404
    assert member_client.post(f"/edukacja/forum/standardy/{version.pk}/przyjmij/").status_code == 403
