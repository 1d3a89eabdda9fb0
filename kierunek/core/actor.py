"""Who does a thing: the one value services receive instead of a request.

A service needs the person (for roles, object scoping and the audit row) and the address the
request came from (for the audit row); nothing else of the request. Pages and the API get it with
:func:`actor_from_request`; scheduled tasks and data migrations act as :data:`SYSTEM`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    """A user (or nobody, for the system) and the client's address, if a request carried it."""

    user: Any = None  # kierunek.accounts.models.User; core sits below accounts and does not import it
    ip_address: str | None = None

    @property
    def role(self) -> str | None:
        return getattr(self.user, "role", None)

    @property
    def is_system(self) -> bool:
        return self.user is None

    @classmethod
    def of(cls, user: Any) -> Actor:
        """A user acting without a request (a management command, a test)."""
        return cls(user=user if getattr(user, "is_authenticated", False) else None)


SYSTEM = Actor()


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from. Behind a proxy the deployment sets REMOTE_ADDR from
    the trusted proxy header (the web server's job, not the application's)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def request_user(request: HttpRequest) -> Any:
    """The person behind a page or an API call: the API's authenticated user (bearer token or
    session) when the request went through ninja's auth, else the session's user."""
    user = getattr(request, "auth", None) or request.user
    return user


def actor_from_request(request: HttpRequest) -> Actor:
    """The actor of a page or an API operation: the logged-in user (nobody when anonymous) and the
    client's address."""
    user = request_user(request)
    return Actor(
        user=user if getattr(user, "is_authenticated", False) else None,
        ip_address=client_ip(request),
    )
