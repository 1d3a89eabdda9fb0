"""The dashboards: one page per role, assembled from the blocks each context registers
(:mod:`kierunek.core.dashboards`, filled in the contexts' ``AppConfig.ready()``). The role's
template is the frame: a heading, where the blocks go, and the account links every role has."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kierunek.accounts.domain import ROLE_SLUGS
from kierunek.accounts.models import Role
from kierunek.core.dashboards import dashboard_render
from kierunek.providers.selectors import provider_for_member

_SLUG_ROLES = {slug: role for role, slug in ROLE_SLUGS.items()}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each person to the dashboard of their role."""
    return redirect("portal:role_dashboard", role_slug=ROLE_SLUGS[request.user.role])  # type: ignore[union-attr]


@login_required
def role_dashboard(request: HttpRequest, role_slug: str) -> HttpResponse:
    role = _SLUG_ROLES.get(role_slug)
    if role is None:
        return render(request, "404.html", status=404)
    if request.user.role != role:  # type: ignore[union-attr]
        raise PermissionDenied
    context: dict[str, Any] = {"role": Role(role), "blocks": dashboard_render(request, role)}
    if role == Role.PARTICIPANT:
        context["profile"] = getattr(request.user, "participant_profile", None)
    elif role == Role.PROVIDER_STAFF:
        context["provider"] = provider_for_member(user=request.user)  # type: ignore[arg-type]
    return render(request, f"portal/dashboards/{role}.html", context)
