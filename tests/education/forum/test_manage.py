"""The coordinator manages the Forum's members and topics: adds a member by the e-mail of their
account and removes them (who then no longer comments), adds a topic and removes one nothing refers
to; a topic in use is kept. Only the coordinator (Metropolis staff) may, and a refusal changes
nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.education.models import ForumMember, ForumTopic, MemberKind, Standard
from kierunek.education.services.forum import (
    comment_add,
    forum_member_add,
    forum_member_remove,
    forum_topic_add,
    forum_topic_remove,
    standard_draft,
    version_open_consultation,
)
from tests.accounts.factories import StaffUserFactory
from tests.education import builders as b
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    m = b.metropolis()
    return m, StaffUserFactory(role=Role.METROPOLIS_STAFF)


def test_a_removed_member_no_longer_comments_and_what_they_wrote_stays(forum):
    m, coordinator = forum
    boss = Actor.of(coordinator)
    person = b.director(b.KRAKOW)
    member = forum_member_add(
        actor=boss, metropolis=m, user=person, kind=MemberKind.SCHOOL, organisation="SP"
    )
    version = standard_draft(actor=boss, metropolis=m, title="Standard", text="1. Zasada.")
    version_open_consultation(actor=boss, version=version, until=timezone.localdate())
    comment_add(actor=Actor.of(person), version_id=version.pk, text="Uwaga przed usunięciem.")

    forum_member_remove(actor=boss, metropolis=m, member_id=member.pk)

    assert not ForumMember.objects.filter(user=person).exists()
    assert version.comments.get().text == "Uwaga przed usunięciem."
    with pytest.raises((PermissionDenied, ValidationError)):
        comment_add(actor=Actor.of(person), version_id=version.pk, text="Po usunięciu.")
    assert version.comments.count() == 1
    assert AuditEvent.objects.filter(action="education.forum_member_removed").count() == 1


def test_a_topic_in_use_stays_and_an_unused_one_is_removed(forum):
    m, coordinator = forum
    boss = Actor.of(coordinator)
    used = forum_topic_add(actor=boss, metropolis=m, title="Dobrostan uczniów")
    spare = forum_topic_add(actor=boss, metropolis=m, title="Doradztwo zawodowe", description="Na później.")
    standard_draft(actor=boss, metropolis=m, title="Standard dobrostanu", text="1.")
    Standard.objects.update(topic=used)
    with translation.override("en"), pytest.raises(ValidationError, match="refer to this topic"):
        forum_topic_remove(actor=boss, metropolis=m, topic_id=used.pk)
    with translation.override("en"), pytest.raises(ValidationError, match="already has a topic"):
        forum_topic_add(actor=boss, metropolis=m, title="dobrostan UCZNIÓW")
    forum_topic_remove(actor=boss, metropolis=m, topic_id=spare.pk)
    assert list(ForumTopic.objects.values_list("title", flat=True)) == ["Dobrostan uczniów"]
    assert Standard.objects.get().topic == used


@pytest.mark.parametrize("role", [Role.TRAINING_CENTRE_STAFF, Role.GMINA_STAFF])
def test_others_are_refused_and_nothing_changes(forum, role):
    m, coordinator = forum
    member = forum_member_add(
        actor=Actor.of(coordinator), metropolis=m, user=b.teacher(b.KRAKOW), kind="school", organisation="SP"
    )
    topic = forum_topic_add(actor=Actor.of(coordinator), metropolis=m, title="Temat")
    other = Actor.of(StaffUserFactory(role=role))
    with pytest.raises(PermissionDenied):
        forum_member_remove(actor=other, metropolis=m, member_id=member.pk)
    with pytest.raises(PermissionDenied):
        forum_topic_remove(actor=other, metropolis=m, topic_id=topic.pk)
    with pytest.raises(PermissionDenied):
        forum_topic_add(actor=other, metropolis=m, title="Inny")
    assert ForumMember.objects.count() == 1
    assert list(ForumTopic.objects.values_list("title", flat=True)) == ["Temat"]


def test_the_coordinator_manages_members_and_topics_on_the_page(forum, client_for):
    m, coordinator = forum
    boss = client_for(coordinator)
    assert "/edukacja/forum/zarzadzanie/" in text(boss.get("/edukacja/forum/"))
    person = b.teacher(b.WIELICZKA)
    person.email = "Nauczycielka@Szkola.example"
    person.save(update_fields=["email"])
    added = boss.post(
        "/edukacja/forum/czlonkowie/dodaj/",
        {"email": "nauczycielka@szkola.example", "kind": "school", "organisation": "SP Wieliczka"},
    )
    assert added.status_code == 302
    member = ForumMember.objects.get(user=person)
    unknown = boss.post(
        "/edukacja/forum/czlonkowie/dodaj/",
        {"email": "nikt@nigdzie.example", "kind": "school", "organisation": "SP"},
    )
    assert unknown.status_code == 200
    assert ForumMember.objects.count() == 1
    assert "SP Wieliczka" in text(boss.get("/edukacja/forum/zarzadzanie/"))
    assert boss.post("/edukacja/forum/tematy/dodaj/", {"title": "Ocenianie"}).status_code == 302
    topic = ForumTopic.objects.get(metropolis=m)
    assert boss.post(f"/edukacja/forum/tematy/{topic.pk}/usun/").status_code == 302
    assert boss.post(f"/edukacja/forum/czlonkowie/{member.pk}/usun/").status_code == 302
    assert not ForumMember.objects.exists()
    assert not ForumTopic.objects.exists()
    assert boss.post("/edukacja/forum/czlonkowie/999999/usun/").status_code == 404


def test_members_are_refused_the_management_pages(forum, client_for):
    m, coordinator = forum
    person = b.director(b.KRAKOW)
    member = forum_member_add(
        actor=Actor.of(coordinator), metropolis=m, user=person, kind="school", organisation="SP Kraków"
    )
    visitor = client_for(person)
    assert visitor.get("/edukacja/forum/zarzadzanie/").status_code == 403
    assert visitor.post(f"/edukacja/forum/czlonkowie/{member.pk}/usun/").status_code == 403
    assert visitor.post("/edukacja/forum/tematy/dodaj/", {"title": "X"}).status_code == 403
    assert ForumMember.objects.filter(pk=member.pk).exists()
    assert not ForumTopic.objects.exists()
