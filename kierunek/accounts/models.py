from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.core.fields import EncryptedTextField


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    ADVISOR = "advisor", _("Career advisor")
    PROVIDER_STAFF = "provider_staff", _("Training provider staff")
    OFFICER = "officer", _("Programme officer")
    FINANCIAL_OPERATOR = "financial_operator", _("Financial operator")
    AUDITOR = "auditor", _("Quality auditor")
    PARTNER_STAFF = "partner_staff", _("Partner institution staff")
    CERTIFICATION_STAFF = "certification_staff", _("Certifying institution staff")
    GMINA_STAFF = "gmina_staff", _("Gmina staff")
    BROKER = "broker", _("Education broker")
    METROPOLIS_STAFF = "metropolis_staff", _("Metropolis education staff")
    TRAINING_CENTRE_STAFF = "training_centre_staff", _("Teacher-training centre staff")
    SCHOOL_DIRECTOR = "school_director", _("School director")
    TEACHER = "teacher", _("Teacher")
    CANDIDATE = "candidate", _("Candidate for an upper-secondary school")
    ADMINISTRATOR = "administrator", _("Administrator")


# People who act for themselves only: no second factor, no staff idle timeout. A teacher enrols in
# trainings; a candidate (with their guardian) applies to upper-secondary schools.
PERSONAL_ROLES = frozenset({Role.PARTICIPANT, Role.TEACHER, Role.CANDIDATE})
STAFF_ROLES = frozenset(Role) - PERSONAL_ROLES


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        """Log in whatever case the person types their e-mail in: addresses are stored in lower
        case and unique without regard to case."""
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. E-mail is the login; one role decides what the person may see.
    ``is_staff`` (Django admin access) is kept for administrators only."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PARTICIPANT)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="accounts_user_role_valid"),
            models.CheckConstraint(
                condition=models.Q(is_staff=False) | models.Q(role=Role.ADMINISTRATOR),
                name="accounts_user_admin_site_for_administrators_only",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_staff_role(self) -> bool:
        """Every role but those who act for themselves only (participant, teacher, candidate)
        works for the programme or a partner and must use two-factor login."""
        return self.role in STAFF_ROLES


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class ParticipantProfile(models.Model):
    """What identifies a participant. The PESEL is stored encrypted; ``pesel_hash`` (a keyed
    HMAC) lets the database enforce one account per PESEL without being able to read it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="participant_profile")
    pesel = EncryptedTextField(_("PESEL"))
    pesel_hash = models.CharField(max_length=64, unique=True, editable=False)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")
        constraints = [
            models.CheckConstraint(condition=models.Q(sex__in=Sex.values), name="accounts_profile_sex_valid"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Consent(models.Model):
    """A consent or acknowledgement a person gave, with the version of the text they saw.
    Withdrawal is recorded, never by deleting the row."""

    class Kind(models.TextChoices):
        TERMS = "terms", _("Terms of use and privacy notice")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    text_version = models.CharField(max_length=32)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="accounts_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.text_version}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the person sees the token
    once, when it is made. A token ends at ``expires_at``, when it is revoked, or when the owner's
    password changes (``password_fingerprint`` is Django's session hash of the password at the
    time the token was made: the same rule that ends the owner's other sessions)."""

    class RevokedReason(models.TextChoices):
        OWNER = "owner", _("revoked by the owner")
        PASSWORD_CHANGED = "password_changed", _("revoked because the password changed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("read only"), default=False)
    password_fingerprint = models.CharField(max_length=128, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, choices=RevokedReason.choices, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="accounts_apitoken_expires_after_created",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoked_reason="")
                | models.Q(revoked_at__isnull=False) & ~models.Q(revoked_reason=""),
                name="accounts_apitoken_revoked_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class GminaStaff(models.Model):
    """The gmina a person of the gmina-staff role works for (its coordinator of local cooperation,
    its education department...: ``position`` says which). One gmina per person; every context that
    shows a gmina's own page or figures reads the gmina from here."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="gmina_staff")
    gmina = models.ForeignKey(
        "geo.Gmina", verbose_name=_("gmina"), on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("gmina staff member")
        verbose_name_plural = _("gmina staff")

    def __str__(self) -> str:
        return f"{self.user} ({self.gmina})"
