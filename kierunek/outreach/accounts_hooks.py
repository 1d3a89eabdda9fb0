"""Outreach's part of registration (the accounts hooks, :mod:`kierunek.accounts.hooks`): the
campaign a person came through is kept in their session from the poster's address on, shown on
the registration form with a button that removes it, and recorded with the new account."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.hooks import RegistrationNote, registered_register, registration_note_register
from kierunek.accounts.models import User

from .services.campaigns import campaign_open_by_code, signup_record

SESSION_KEY = "outreach.campaign"


def campaign_note(request: HttpRequest) -> RegistrationNote | None:
    code = request.session.get(SESSION_KEY)
    campaign = campaign_open_by_code(code) if isinstance(code, str) else None
    if campaign is None:
        return None
    return RegistrationNote(
        text=_(
            "You came through the campaign “%(name)s” (code %(code)s). Your registration will be "
            "counted for it, so the programme learns which local actions reach people."
        )
        % {"name": campaign.name, "code": campaign.code},
        remove_url=reverse("outreach:forget"),
        remove_label=_("Do not count me for this campaign"),
    )


def campaign_signup(*, user: User, request: HttpRequest) -> None:
    code = request.session.pop(SESSION_KEY, None)
    if isinstance(code, str):
        signup_record(user=user, code=code)


def accounts_hooks_register() -> None:
    registration_note_register(campaign_note)
    registered_register(campaign_signup)
