"""Assisted registration: a broker registers a person who cannot do it alone, with the person's
signed consent uploaded. The person gets their own login; the first password reaches them only on
a printed letter (never on a screen), and they must change it at their first login."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.accounts.services import email_taken, first_password_issue, signup_account_create
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.pdf import render_pdf
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload

from ..audit_actions import CONSENT_READ, FIRST_PASSWORD_CHANGED, LETTER_PRINTED, PERSON_REGISTERED
from ..models import AssistedRegistration


def password_fingerprint(user: User) -> str:
    """A digest of the account's password hash: equal while the password is the letter's."""
    return hashlib.sha256(user.password.encode()).hexdigest()


def person_register(
    *, actor: Actor, email: str, first_name: str, last_name: str, consent: UploadedFile
) -> AssistedRegistration:
    """The broker (``actor``) opens a participant's account for a person, with the person's
    signed consent (a PDF or a scan). Nobody can log in until the letter is printed."""
    require_role(actor.user, Role.BROKER)
    errors = {}
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if not first_name.strip():
        errors["first_name"] = _("Give the person's first name.")
    if not last_name.strip():
        errors["last_name"] = _("Give the person's last name.")
    try:
        kind = validate_upload(consent, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    except ValidationError as error:
        errors["consent"] = error.messages[0]
    if not errors and email_taken(email):
        errors["email"] = _(
            "This address already has an account: the person can log in or reset the password."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = signup_account_create(
            email=email, first_name=first_name, last_name=last_name, role=Role.PARTICIPANT
        )
        registration = AssistedRegistration(person=person, broker=actor.user, consent_kind=kind)
        registration.consent.save(f"{person.pk}.{kind}", consent, save=False)
        registration.save()
        audit_record(action=PERSON_REGISTERED, actor=actor, obj=registration, details={"person": person.pk})
    return registration


def _own_registration(actor: Actor, registration_id: int) -> AssistedRegistration:
    require_role(actor.user, Role.BROKER)
    registration = (
        AssistedRegistration.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=registration_id)
    )
    if registration.broker_id != actor.user.pk:
        raise PermissionDenied(_("You did not register this person."))
    return registration


def letter_print(*, actor: Actor, registration_id: int) -> bytes:
    """The letter with the person's login and a new first password, as a PDF to print and hand
    over or post. Each letter sets a new password (an earlier letter stops working); none is kept
    in clear or shown on a page. Refused once the person has chosen their own password."""
    with transaction.atomic():
        registration = _own_registration(actor, registration_id)
        if registration.password_changed_at is not None:
            raise ValidationError(_("The person has already chosen their own password."))
        person = registration.person
        password = first_password_issue(user=person)
        registration.first_password_fingerprint = password_fingerprint(person)
        registration.letters_printed += 1
        registration.letter_printed_at = timezone.now()
        registration.save(
            update_fields=["first_password_fingerprint", "letters_printed", "letter_printed_at"]
        )
        audit_record(
            action=LETTER_PRINTED,
            actor=actor,
            obj=registration,
            details={"letter": registration.letters_printed},
        )
    site = settings.KIERUNEK_SITE_URL.rstrip("/")
    return render_pdf(
        title=_("Your account in Kierunek"),
        meta={
            _("Name"): person.get_full_name(),
            _("Login (e-mail)"): person.email,
            _("First password"): password,
            _("Log in at"): f"{site}/logowanie/",
        },
        sections=[
            (
                _("How to start"),
                [
                    _("Log in with the e-mail and the first password above."),
                    _(
                        "You will be asked to choose your own password at once. "
                        "Do not share it with anyone, your broker included."
                    ),
                    _(
                        "Your broker acts for you only under a mandate you give and can revoke at any "
                        'time on the page "Brokers acting for me".'
                    ),
                ],
            ),
        ],
    )


def consent_read(*, actor: Actor, registration_id: int) -> AssistedRegistration:
    """The signed consent, opened by the broker who registered the person (audited)."""
    with transaction.atomic():
        registration = _own_registration(actor, registration_id)
        audit_record(action=CONSENT_READ, actor=actor, obj=registration)
    return registration


def first_password_changed(*, registration_id: int, actor: Actor) -> None:
    """The person (``actor``) has replaced the letter's password with their own."""
    with transaction.atomic():
        registration = AssistedRegistration.objects.select_for_update().get(pk=registration_id)
        if registration.person_id != actor.user.pk or registration.password_changed_at is not None:
            return
        registration.password_changed_at = timezone.now()
        registration.save(update_fields=["password_changed_at"])
        audit_record(action=FIRST_PASSWORD_CHANGED, actor=actor, obj=registration)
