"""The Forum Edukacji: members, meetings (events with the agenda and the minutes), and the
consultation of standards: the coordinator writes a draft version and opens it for comments,
members comment, the coordinator answers every comment, adopts the version (refused while a
comment has no answer) and publishes it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.events.models import Event
from kierunek.geo.models import Gmina

from .. import domain_forum
from ..audit_actions_forum import (
    COMMENT_ADDED,
    COMMENT_ANSWERED,
    MEETING_SAVED,
    MEMBER_ADDED,
    MEMBER_REMOVED,
    STANDARD_DRAFTED,
    TOPIC_ADDED,
    TOPIC_REMOVED,
)
from ..models import Metropolis
from ..models_forum import (
    ForumMeeting,
    ForumMember,
    ForumTopic,
    MemberKind,
    Standard,
    StandardComment,
    StandardVersion,
    VersionStatus,
)
from ..workflows_forum import STANDARD_VERSION


def _coordinator(actor: Actor) -> None:
    require_role(actor, Role.METROPOLIS_STAFF)


def forum_member_add(
    *,
    actor: Actor,
    metropolis: Metropolis,
    user: User,
    kind: str,
    organisation: str,
    gmina: Gmina | None = None,
) -> ForumMember:
    _coordinator(actor)
    if kind not in MemberKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    if not organisation.strip():
        raise ValidationError({"organisation": _("This field is required.")})
    if ForumMember.objects.filter(metropolis=metropolis, user=user).exists():
        raise ValidationError(_("This person is already a member of the Forum."))
    with transaction.atomic():
        member = ForumMember.objects.create(
            metropolis=metropolis, user=user, kind=kind, organisation=organisation.strip(), gmina=gmina
        )
        audit_record(action=MEMBER_ADDED, actor=actor, obj=member, details={"kind": kind})
    return member


def forum_member_remove(*, actor: Actor, metropolis: Metropolis, member_id: int) -> None:
    """The coordinator removes a member: from then on they no longer comment on standards. What
    they wrote stays, under their name, with the coordinator's answers."""
    _coordinator(actor)
    with transaction.atomic():
        member = ForumMember.objects.select_for_update().get(pk=member_id, metropolis=metropolis)
        audit_record(
            action=MEMBER_REMOVED,
            actor=actor,
            obj=member,
            details={"user": member.user_id, "organisation": member.organisation},
        )
        member.delete()


def forum_topic_add(*, actor: Actor, metropolis: Metropolis, title: str, description: str = "") -> ForumTopic:
    _coordinator(actor)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    # Compared in Python: SQLite folds the case of ASCII letters only (Ó and ó differ there).
    taken = ForumTopic.objects.filter(metropolis=metropolis).values_list("title", flat=True)
    if title.casefold() in {t.casefold() for t in taken}:
        raise ValidationError({"title": _("The Forum already has a topic of this title.")})
    with transaction.atomic():
        topic = ForumTopic.objects.create(metropolis=metropolis, title=title, description=description.strip())
        audit_record(action=TOPIC_ADDED, actor=actor, obj=topic, details={"title": title})
    return topic


def forum_topic_remove(*, actor: Actor, metropolis: Metropolis, topic_id: int) -> None:
    """The coordinator removes a topic no standard and no meeting refers to (removing a topic in
    use would silently strip it from the Forum's record)."""
    _coordinator(actor)
    with transaction.atomic():
        topic = ForumTopic.objects.select_for_update().get(pk=topic_id, metropolis=metropolis)
        if topic.standards.exists() or topic.meetings.exists():
            raise ValidationError(
                _("Standards or meetings of the Forum refer to this topic: it stays in their record.")
            )
        audit_record(action=TOPIC_REMOVED, actor=actor, obj=topic, details={"title": topic.title})
        topic.delete()


def is_forum_member(*, user: User, metropolis: Metropolis) -> bool:
    return ForumMember.objects.filter(metropolis=metropolis, user=user).exists()


def forum_meeting_save(
    *,
    actor: Actor,
    metropolis: Metropolis,
    event: Event,
    agenda: str,
    topics: list[ForumTopic] = (),  # type: ignore[assignment]
    agenda_file: UploadedFile | None = None,
    minutes_file: UploadedFile | None = None,
) -> ForumMeeting:
    """A meeting of the Forum: an event of the events context with the agenda, and once held its
    minutes (PDF or office documents)."""
    _coordinator(actor)
    if not agenda.strip():
        raise ValidationError({"agenda": _("This field is required.")})
    for upload in (agenda_file, minutes_file):
        if upload is not None:
            validate_upload(upload, kinds=("pdf",))
    with transaction.atomic():
        meeting, _created = ForumMeeting.objects.update_or_create(
            event=event, defaults={"metropolis": metropolis, "agenda": agenda.strip()}
        )
        if agenda_file is not None:
            meeting.agenda_file.save(f"porzadek-obrad-{event.pk}.pdf", agenda_file, save=True)
        if minutes_file is not None:
            meeting.minutes_file.save(f"protokol-{event.pk}.pdf", minutes_file, save=True)
        if topics:
            meeting.topics.set(topics)
        audit_record(action=MEETING_SAVED, actor=actor, obj=meeting, details={"event": event.pk})
    return meeting


def standard_draft(
    *,
    actor: Actor,
    metropolis: Metropolis,
    title: str,
    text: str,
    standard: Standard | None = None,
    summary: str = "",
    topic: ForumTopic | None = None,
) -> StandardVersion:
    """A new standard's first draft, or the next draft version of an existing one."""
    _coordinator(actor)
    if not text.strip():
        raise ValidationError({"text": _("This field is required.")})
    with transaction.atomic():
        if standard is None:
            if not title.strip():
                raise ValidationError({"title": _("This field is required.")})
            standard = Standard.objects.create(
                metropolis=metropolis, title=title.strip(), summary=summary.strip(), topic=topic
            )
        else:
            standard = Standard.objects.select_for_update().get(pk=standard.pk)
            if standard.versions.filter(
                status__in=[VersionStatus.DRAFT, VersionStatus.CONSULTATION]
            ).exists():
                raise ValidationError(_("This standard already has a version in draft or consultation."))
        number = (standard.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = StandardVersion.objects.create(
            standard=standard, number=number, text=text.strip(), created_by=actor.user
        )
        audit_record(action=STANDARD_DRAFTED, actor=actor, obj=version, details={"number": number})
    return version


def version_open_consultation(*, actor: Actor, version: StandardVersion, until: object) -> StandardVersion:
    _coordinator(actor)
    if until is None or until < timezone.localdate():  # type: ignore[operator]
        raise ValidationError({"consultation_until": _("Comments must be open until today or later.")})
    version.consultation_until = until  # type: ignore[assignment]
    STANDARD_VERSION.apply(version, "open_consultation", actor=actor, fields=["consultation_until"])
    return version


def comment_add(*, actor: Actor, version_id: int, text: str, section: str = "") -> StandardComment:
    """A Forum member's comment on a version in consultation, until its closing day."""
    if actor.user is None:
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("This field is required.")})
    with transaction.atomic():
        version = StandardVersion.objects.select_for_update().select_related("standard").get(pk=version_id)
        if not is_forum_member(user=actor.user, metropolis=version.standard.metropolis):
            raise PermissionDenied(_("Members of the Forum comment on standards."))
        if version.status != VersionStatus.CONSULTATION or (
            version.consultation_until and version.consultation_until < timezone.localdate()
        ):
            raise ValidationError(_("This version is not open for comments."))
        comment = StandardComment.objects.create(
            version=version, author=actor.user, text=text.strip(), section=section.strip()
        )
        audit_record(action=COMMENT_ADDED, actor=actor, obj=comment, details={"version": version.pk})
    return comment


def comment_answer(*, actor: Actor, comment_id: int, answer: str) -> StandardComment:
    """The coordinator's answer to a comment (public with the consultation's report)."""
    _coordinator(actor)
    if not answer.strip():
        raise ValidationError({"answer": _("This field is required.")})
    with transaction.atomic():
        comment = StandardComment.objects.select_for_update().select_related("version").get(pk=comment_id)
        if comment.version.status != VersionStatus.CONSULTATION:
            raise ValidationError(_("Comments are answered while the version is in consultation."))
        comment.answer = answer.strip()
        comment.answered_by = actor.user
        comment.answered_at = timezone.now()
        comment.save(update_fields=["answer", "answered_by", "answered_at"])
        audit_record(
            action=COMMENT_ANSWERED, actor=actor, obj=comment, details={"version": comment.version_id}
        )
    return comment


def version_adopt(*, actor: Actor, version: StandardVersion) -> StandardVersion:
    """Adopt the version; refused while a comment of its consultation has no answer."""
    _coordinator(actor)
    with transaction.atomic():
        StandardVersion.objects.select_for_update().get(pk=version.pk)
        comments = version.comments.count()
        unanswered = version.comments.filter(answer="").count()
        if not domain_forum.may_adopt(comments=comments, unanswered=unanswered):
            raise ValidationError(
                _("Answer every comment before adopting the version (%(count)d without an answer).")
                % {"count": unanswered}
            )
        version.adopted_on = timezone.localdate()
        STANDARD_VERSION.apply(
            version, "adopt", actor=actor, fields=["adopted_on"], details={"comments": comments}
        )
    return version


def version_publish(*, actor: Actor, version: StandardVersion) -> StandardVersion:
    _coordinator(actor)
    version.published_on = timezone.localdate()
    STANDARD_VERSION.apply(version, "publish", actor=actor, fields=["published_on"])
    return version


def version_withdraw(*, actor: Actor, version: StandardVersion) -> StandardVersion:
    _coordinator(actor)
    STANDARD_VERSION.apply(version, "withdraw", actor=actor)
    return version
