"""The newsletter's tables: topics the office configures, the versioned wording of the consent,
subscribers with the topics they chose, the append-only record of their consent, issues and one
delivery row per issue and subscriber (the unique pair that makes sending idempotent)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class Audience(models.TextChoices):
    PARTNERS = "partners", _("Partner institutions")
    EMPLOYERS = "employers", _("Employers")
    RESIDENTS = "residents", _("Residents")


class Topic(models.Model):
    """A subject a subscriber may choose (vouchers and calls, partnership news...): data the
    office keeps, not code. A topic no longer offered is hidden, never deleted (issues and consent
    records name it)."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    offered = models.BooleanField(_("offered to subscribers"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("newsletter topic")
        verbose_name_plural = _("newsletter topics")

    def __str__(self) -> str:
        return self.name


class ConsentWording(models.Model):
    """One version of the consent text shown beside the subscription form. A changed text is a
    new version (the office adds one); a consent record names the version the person saw."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text of the consent"))
    published_at = models.DateTimeField(_("in use from"), default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("wording of the newsletter consent")
        verbose_name_plural = _("wordings of the newsletter consent")

    def __str__(self) -> str:
        return f"v{self.version}"


class SubscriberStatus(models.TextChoices):
    PENDING = domain.PENDING, _("waiting for confirmation")
    CONFIRMED = domain.CONFIRMED, _("subscribed")
    UNSUBSCRIBED = domain.UNSUBSCRIBED, _("unsubscribed")


def _new_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """An address on the newsletter's lists: one audience, the topics chosen. Only a confirmed
    subscriber receives issues (double opt-in). ``key`` is part of every signed link: a new key
    (after erasure the row is gone anyway) makes old links dead."""

    email = models.EmailField(_("e-mail address"), unique=True)
    audience = models.CharField(_("who you are"), max_length=20, choices=Audience.choices)
    topics = models.ManyToManyField(Topic, related_name="subscribers", verbose_name=_("topics"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=10, default="pl")
    key = models.CharField(max_length=40, default=_new_key, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=domain.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="newsletter_confirmed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")), name="newsletter_email_lower"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ConsentEvent(models.TextChoices):
    REQUESTED = "requested", _("consent given on the form (to be confirmed)")
    CONFIRMED = "confirmed", _("consent confirmed from the e-mail")
    TOPICS_CHANGED = "topics_changed", _("topics changed")
    WITHDRAWN = "withdrawn", _("consent withdrawn (unsubscribed)")


class ConsentRecord(models.Model):
    """The proof of consent: when, where (the page or form), which version of the wording, from
    which address, what was chosen. Appended only: a record is never changed or deleted (only
    erasure of the subscriber, on the person's request, removes them with the subscriber)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    event = models.CharField(_("what happened"), max_length=20, choices=ConsentEvent.choices)
    wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, related_name="records", verbose_name=_("wording version")
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    source = models.CharField(_("where"), max_length=200)
    ip_address = models.GenericIPAddressField(_("from which address"), null=True, blank=True)
    audience = models.CharField(_("who you are"), max_length=20, choices=Audience.choices)
    topics = models.JSONField(_("topics"), default=list)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("newsletter consent record")
        verbose_name_plural = _("newsletter consent records")

    def __str__(self) -> str:
        return f"{self.event} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A consent record is never changed; a new one is added."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("A consent record is never deleted on its own."))


class IssueStatus(models.TextChoices):
    DRAFT = domain.DRAFT, _("draft")
    SCHEDULED = domain.SCHEDULED, _("scheduled")
    SENDING = domain.SENDING, _("sending")
    SENT = domain.SENT, _("sent")


class Issue(models.Model):
    """An issue the office composes: plain text with a little formatting (:func:`domain.body_html`),
    for one audience or all, on some topics; a subscriber gets it when their audience matches and
    they chose at least one of its topics."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, blank=True, help_text=_("Empty: everyone.")
    )
    topics = models.ManyToManyField(Topic, related_name="issues", verbose_name=_("topics"))
    status = models.CharField(
        _("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("composed by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=domain.SCHEDULED) | Q(scheduled_for__isnull=False),
                name="newsletter_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=domain.SENT) | Q(sent_at__isnull=False), name="newsletter_sent_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def editable(self) -> bool:
        return self.status in {domain.DRAFT, domain.SCHEDULED}


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("not sent")


class Delivery(models.Model):
    """One issue to one subscriber: made for every recipient when sending starts, claimed by a
    worker's task before the message leaves. The unique pair is why a re-run, a second worker or
    a retried task never sends an issue twice to a person. Its status is the sending's progress,
    not a workflow."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_one_delivery_per_person"
            ),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="newsletter_delivery_progress")]

    def __str__(self) -> str:
        return f"{self.issue_id}:{self.subscriber_id}"
