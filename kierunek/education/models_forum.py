"""The Forum Edukacji: its members (people of member gminas, schools and partners), topics,
meetings (events of the events context, with the agenda and the minutes as files), and the
standards of educational services, whose versions go through consultation: a draft is opened for
comments, members comment, the coordinator answers every comment, then the version is adopted and
published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain_forum


class MemberKind(models.TextChoices):
    GMINA = "gmina", _("member gmina")
    SCHOOL = "school", _("school")
    PARTNER = "partner", _("external partner")
    METROPOLIS = "metropolis", _("the Metropolis")


class ForumMember(models.Model):
    metropolis = models.ForeignKey(
        "education.Metropolis", on_delete=models.CASCADE, related_name="forum_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_memberships"
    )
    kind = models.CharField(_("represents"), max_length=12, choices=MemberKind.choices)
    organisation = models.CharField(_("organisation"), max_length=300)
    gmina = models.ForeignKey("geo.Gmina", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("Forum member")
        verbose_name_plural = _("Forum members")
        constraints = [
            models.UniqueConstraint(fields=["metropolis", "user"], name="education_forum_member_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=MemberKind.values), name="education_forum_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class ForumTopic(models.Model):
    metropolis = models.ForeignKey(
        "education.Metropolis", on_delete=models.CASCADE, related_name="forum_topics"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("Forum topic")
        verbose_name_plural = _("Forum topics")

    def __str__(self) -> str:
        return self.title


class ForumMeeting(models.Model):
    """A meeting of the Forum: an event of the events context (registration, place, seats), with
    the agenda and the minutes."""

    metropolis = models.ForeignKey(
        "education.Metropolis", on_delete=models.CASCADE, related_name="forum_meetings"
    )
    event = models.OneToOneField("events.Event", on_delete=models.PROTECT, related_name="forum_meeting")
    topics = models.ManyToManyField(ForumTopic, blank=True, related_name="meetings", verbose_name=_("topics"))
    agenda = models.TextField(_("agenda"))
    agenda_file = models.FileField(_("agenda (file)"), upload_to="forum/%Y/", blank=True)
    minutes_file = models.FileField(_("minutes (file)"), upload_to="forum/%Y/", blank=True)

    class Meta:
        verbose_name = _("Forum meeting")
        verbose_name_plural = _("Forum meetings")

    def __str__(self) -> str:
        return str(self.event)


class Standard(models.Model):
    """A standard of educational services the Forum develops (its text lives in its versions)."""

    metropolis = models.ForeignKey("education.Metropolis", on_delete=models.CASCADE, related_name="standards")
    topic = models.ForeignKey(
        ForumTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="standards"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("standard of educational services")
        verbose_name_plural = _("standards of educational services")

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = domain_forum.DRAFT, _("draft")
    CONSULTATION = domain_forum.CONSULTATION, _("in consultation")
    ADOPTED = domain_forum.ADOPTED, _("adopted")
    PUBLISHED = domain_forum.PUBLISHED, _("published")
    WITHDRAWN = domain_forum.WITHDRAWN, _("withdrawn")


class StandardVersion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    consultation_until = models.DateField(_("comments until"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("version of a standard")
        verbose_name_plural = _("versions of standards")
        ordering = ["standard", "number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="education_standard_version_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=VersionStatus.values), name="education_standard_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard} v{self.number}"


class StandardComment(models.Model):
    """A member's comment on a version in consultation, and the coordinator's answer."""

    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standard_comments"
    )
    section = models.CharField(_("section"), max_length=100, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a standard")
        verbose_name_plural = _("comments on standards")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.text[:40]}"
