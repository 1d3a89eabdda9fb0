"""How the JSON API knows who is calling: a bearer token, or the browser's session cookie.

The bearer token is tried first and is not subject to the CSRF check: a CSRF attack rides on the
cookies a browser sends by itself, and a browser never adds an ``Authorization`` header on its own.
The session cookie is checked for CSRF on writes, as Django checks every form, but only when a
session cookie is actually sent; a request with neither credential gets 401, not a CSRF error."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from .models import User
from .services.tokens import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """``Authorization: Bearer kier_…`` with a token made on the account's token page. A read-only
    token is refused for any write with 403."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        result = api_token_authenticate(token)
        if result is None:
            return None
        if result.token.read_only and request.method not in SAFE_METHODS:
            raise HttpError(
                403, "Ten token pozwala tylko na odczyt. / This token is read-only; it cannot change data."
            )
        request.user = result.user
        return result.user


class SessionCookie(APIKeyCookie):
    """The logged-in browser session (Django's session cookie), CSRF-checked for writes."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.COOKIES.get(self.param_name):
            return None  # no session to ride on: nothing to protect, and the caller gets 401
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if user.is_authenticated:
            return user
        return None


session_or_token: list[Any] = [BearerToken(), SessionCookie()]
