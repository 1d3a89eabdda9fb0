"""The dashboards: one page per role, assembled from what each context offers.

The contexts contribute their blocks as template tags (``{% participant_application_block %}``
from programmes, ``{% participant_guidance_block %}`` from guidance, ``{% operator_work_block %}``
from vouchers ...) that the role's template includes; the counts and objects a dashboard shows
outside a block are read here from the owning context's selectors. The portal sits above every
context, so the accounts context (which knows the roles) no longer imports the ones above it."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kierunek.accounts.domain import ROLE_SLUGS
from kierunek.accounts.models import Role
from kierunek.providers.selectors import provider_for_member
from kierunek.quality.selectors import officer_work_counts

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
    context: dict[str, Any] = {"role": Role(role)}
    if role == Role.PARTICIPANT:
        context["profile"] = getattr(request.user, "participant_profile", None)
    elif role == Role.OFFICER:
        context["work"] = officer_work_counts()
    elif role == Role.PROVIDER_STAFF:
        context["provider"] = provider_for_member(user=request.user)  # type: ignore[arg-type]
    return render(request, f"portal/dashboards/{role}.html", context)
