"""Session rules for staff: a second factor before anything else, and logout after idle time.
The roles ``KIERUNEK_SECOND_FACTOR_PATHS`` names pass it before the pages where they read other
people's files."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "kierunek_last_seen"


def _exempt(path: str) -> bool:
    exempt_prefixes = [
        settings.STATIC_URL,
        reverse("accounts:logout"),
        reverse("accounts:otp_verify"),
        reverse("accounts:otp_setup"),
        reverse("set_language"),
        reverse("healthz"),
    ]
    return any(path.startswith(prefix) for prefix in exempt_prefixes)


def _needs_second_factor(user: object, path: str) -> bool:
    if getattr(user, "is_staff_role", False):
        return True
    role = getattr(user, "role", None)
    return any(
        path.startswith(prefix) and role in roles
        for prefix, roles in settings.KIERUNEK_SECOND_FACTOR_PATHS.items()
    )


class StaffTwoFactorMiddleware:
    """A staff member who has logged in with a password but not yet with the second factor can
    reach only the pages that let them complete it (or log out); so can the roles
    ``KIERUNEK_SECOND_FACTOR_PATHS`` names on the pages where they read other people's files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and _needs_second_factor(user, request.path)
            and not user.is_verified()  # type: ignore[attr-defined]
            and not _exempt(request.path)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Wymagane logowanie dwuskładnikowe. / Two-factor login required."}, status=403
                )
            from django_otp import devices_for_user

            has_device = any(True for _device in devices_for_user(user, confirmed=True))
            target = "accounts:otp_verify" if has_device else "accounts:otp_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after ``KIERUNEK_STAFF_IDLE_TIMEOUT`` without a request: a staff
    computer left unlocked must not stay a way into participants' files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and getattr(user, "is_staff_role", False):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if (
                last_seen is not None
                and now - last_seen > settings.KIERUNEK_STAFF_IDLE_TIMEOUT.total_seconds()
            ):
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Sesja wygasła. / Session expired."}, status=401)
                minutes = int(settings.KIERUNEK_STAFF_IDLE_TIMEOUT.total_seconds() // 60)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity.")
                    % {"minutes": minutes},
                )
                return redirect_to_login(request.get_full_path())
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
