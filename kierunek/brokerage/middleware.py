"""A person a broker registered must replace the first password of their letter at the first
login: until they do, every page but the password change (and logging out) leads there.

At login (``user_logged_in``) the session is marked when the account's password is still the
letter's; the middleware then compares a digest of the password's hash on each request, so it sees
the change whichever page made it, and records it once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request

SESSION_KEY = "brokerage_first_password"


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    from . import selectors
    from .services.registration import password_fingerprint

    registration = selectors.pending_first_password(user=user)
    if registration is not None and registration.first_password_fingerprint == password_fingerprint(user):
        request.session[SESSION_KEY] = registration.pk


class FirstPasswordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        registration_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if registration_id is not None and request.user.is_authenticated:
            response = self._check(request, registration_id)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request: HttpRequest, registration_id: int) -> HttpResponse | None:
        from . import services
        from .models import AssistedRegistration
        from .services.registration import password_fingerprint

        registration = AssistedRegistration.objects.filter(
            pk=registration_id, person_id=request.user.pk
        ).first()
        if registration is None or registration.first_password_fingerprint != password_fingerprint(
            request.user  # type: ignore[arg-type]
        ):
            if registration is not None:
                services.first_password_changed(
                    registration_id=registration.pk, actor=actor_from_request(request)
                )
            del request.session[SESSION_KEY]
            return None
        allowed = [
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
            reverse("set_language"),
            settings.STATIC_URL,
        ]
        if any(request.path.startswith(prefix) for prefix in allowed):
            return None
        messages.info(request, _("Choose your own password to replace the one from the letter."))
        return redirect("accounts:password_change")
