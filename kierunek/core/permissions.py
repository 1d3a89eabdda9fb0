"""Who may use what. Every private view is wrapped in :func:`role_required` (or
``login_required`` where any logged-in person may use it); every API operation declares its roles
with :func:`api_roles`. Object-level scoping is the job of each context's selectors."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from ninja.errors import HttpError


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Anonymous people are sent to log in; a logged-in person of another role gets 403."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def require_role(actor: Any, *roles: str) -> None:
    """For services: PermissionDenied unless ``actor`` has one of ``roles``."""
    if getattr(actor, "role", None) not in roles:
        raise PermissionDenied(_("Your role cannot do this."))


def api_require_roles(request: HttpRequest, *roles: str) -> None:
    """For API operations: 403 with a JSON message unless the caller has one of ``roles``."""
    user = getattr(request, "auth", None) or request.user
    if getattr(user, "role", None) not in roles:
        raise HttpError(403, "Brak uprawnień do tej operacji. / You may not use this operation.")
