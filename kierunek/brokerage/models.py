"""Brokers acting for participants: the mandate a participant gives a broker (its scope and end
date, revoked at any time), the broker's proposals the participant confirms, the acts done under a
mandate (what the participant reads), the people a broker registered with their signed consent,
and the thresholds of the fraud signals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class Mandate(models.Model):
    """A participant's consent that a broker acts for them, within its scope, until its end date
    or until the participant revokes it (at once). Never deleted: a revocation is recorded."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates_given"
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates_held"
    )
    propose = models.BooleanField(_("search and propose services"), default=False)
    book = models.BooleanField(_("book and cancel on my behalf"), default=False)
    book_without_confirmation = models.BooleanField(
        _("book without asking me to confirm each booking"), default=False
    )
    portfolio = models.BooleanField(_("keep my portfolio"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(propose=True) | Q(book=True) | Q(portfolio=True),
                name="brokerage_mandate_has_scope",
            ),
            models.CheckConstraint(
                condition=Q(book_without_confirmation=False) | Q(book=True),
                name="brokerage_mandate_direct_needs_book",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="brokerage_mandate_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(participant=F("broker")), name="brokerage_mandate_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.broker_id}"

    @property
    def terms(self) -> domain.MandateTerms:
        return domain.MandateTerms(
            propose=self.propose,
            book=self.book,
            portfolio=self.portfolio,
            book_without_confirmation=self.book_without_confirmation,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            revoked_at=self.revoked_at,
        )

    def in_force(self, day: object = None) -> bool:
        return domain.mandate_in_force(self.terms, day=day or timezone.localdate())  # type: ignore[arg-type]

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return str(_("revoked"))
        today = timezone.localdate()
        if today > self.valid_until:
            return str(_("expired"))
        if today < self.valid_from:
            return str(_("not yet in force"))
        return str(_("in force"))

    @property
    def scope_labels(self) -> list[str]:
        labels = []
        for name in ("propose", "book", "book_without_confirmation", "portfolio"):
            if getattr(self, name):
                labels.append(str(self._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
        return labels


class ProposalStatus(models.TextChoices):
    PROPOSED = domain.PROPOSED, _("waiting for your confirmation")
    BOOKED = domain.BOOKED, _("confirmed and booked")
    DECLINED = domain.DECLINED, _("declined")
    WITHDRAWN = domain.WITHDRAWN, _("withdrawn by the broker")


class Proposal(models.Model):
    """A service a broker proposes under a mandate; the participant confirms it from their own
    login (it is then booked as the participant) or declines it (``workflows.PROPOSAL``)."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="proposals")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="broker_proposals"
    )
    card = models.ForeignKey("catalogue.ServiceCard", on_delete=models.PROTECT, related_name="+")
    voucher_account = models.ForeignKey("vouchers.VoucherAccount", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("the broker's note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    booking = models.ForeignKey(
        "vouchers.Booking", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="brokerage_proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(booking__isnull=True) | Q(status=ProposalStatus.BOOKED),
                name="brokerage_proposal_booking_only_when_booked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.card_id} for {self.participant_id}"


class ActKind(models.TextChoices):
    PROPOSED = domain.ACT_PROPOSED, _("proposed a service")
    PROPOSAL_WITHDRAWN = domain.ACT_PROPOSAL_WITHDRAWN, _("withdrew a proposal")
    BOOKED = domain.ACT_BOOKED, _("booked a service on your behalf")
    CANCELLED = domain.ACT_CANCELLED, _("cancelled a booking on your behalf")
    PORTFOLIO_ADDED = domain.ACT_PORTFOLIO_ADDED, _("added evidence to your portfolio")


class MandateAct(models.Model):
    """One act of a broker under a mandate, shown to the participant (the audit log records it
    too). Append-only by use: services only create these rows."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField(_("what"), max_length=20, choices=ActKind.choices)
    card = models.ForeignKey(
        "catalogue.ServiceCard", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    booking = models.ForeignKey(
        "vouchers.Booking", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("details"), max_length=300, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("act under a mandate")
        verbose_name_plural = _("acts under mandates")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActKind.values), name="brokerage_act_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d}"


def consent_upload_to(instance: AssistedRegistration, filename: str) -> str:
    return f"brokerage/consents/{timezone.now():%Y}/{instance.person_id}.{instance.consent_kind or 'pdf'}"


class AssistedRegistration(models.Model):
    """A person a broker registered because they could not do it alone, with their signed consent.
    The first password reaches the person only on a printed letter; it must be changed at the first
    login (``first_password_fingerprint``: a digest of the password's hash the letter set, so the
    middleware can tell that it has not changed)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assisted_registration"
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assisted_registrations"
    )
    consent = models.FileField(_("signed consent"), upload_to=consent_upload_to)
    consent_kind = models.CharField(max_length=8)  # pdf | png | jpeg (core.uploads)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    letters_printed = models.PositiveSmallIntegerField(_("letters printed"), default=0)
    letter_printed_at = models.DateTimeField(_("last letter printed"), null=True, blank=True)
    first_password_fingerprint = models.CharField(max_length=64, blank=True)
    password_changed_at = models.DateTimeField(_("own password set"), null=True, blank=True)

    class Meta:
        verbose_name = _("assisted registration")
        verbose_name_plural = _("assisted registrations")
        ordering = ["-registered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id} by {self.broker_id}"


class SignalThreshold(models.Model):
    """The office's threshold of a fraud signal, with the reason for it; without a row the
    defaults of :data:`kierunek.brokerage.domain.DEFAULT_THRESHOLDS` apply."""

    signal = models.CharField(_("signal"), max_length=20, unique=True)
    count = models.PositiveIntegerField(_("cases that make a signal"))
    measure = models.PositiveIntegerField(_("share (%) or minutes"), default=0)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("signal threshold")
        verbose_name_plural = _("signal thresholds")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=2), name="brokerage_threshold_count_at_least_two"),
            models.CheckConstraint(
                condition=Q(signal__in=domain.SIGNALS), name="brokerage_threshold_signal_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.signal
