"""What contexts above accounts may add to registration (docs/architecture.md, the table of hooks).

- ``registration_note_register``: a note shown above the registration form, read from the
  visitor's session (outreach: "you came through campaign X", with a button that removes it), so
  whatever is recorded with a registration is recorded with the person's knowledge.
- ``registered_register``: called after a new participant's account was created by the form, with
  the request (its session), to record what the note said (outreach: the campaign's sign-up).
  Not called when the details already had an account: the form answers the same either way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class RegistrationNote:
    text: Any  # a (lazy) translated sentence
    remove_url: str  # a POST that takes the note back, or "" when it cannot be removed
    remove_label: Any


_NOTES: list[Callable[[HttpRequest], RegistrationNote | None]] = []
_REGISTERED: list[Callable[..., None]] = []


def registration_note_register(note: Callable[[HttpRequest], RegistrationNote | None]) -> None:
    if note not in _NOTES:
        _NOTES.append(note)


def registered_register(callback: Callable[..., None]) -> None:
    """``callback(*, user, request)``: runs after the account is created."""
    if callback not in _REGISTERED:
        _REGISTERED.append(callback)


def registration_notes(request: HttpRequest) -> list[RegistrationNote]:
    return [note for make in _NOTES if (note := make(request)) is not None]


def registered(*, user: User, request: HttpRequest) -> None:
    for callback in _REGISTERED:
        callback(user=user, request=request)


def registered_callbacks() -> list[Callable[..., None]]:
    return list(_REGISTERED)
