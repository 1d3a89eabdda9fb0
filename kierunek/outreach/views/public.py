"""The address a poster's QR code opens, and taking the campaign back off the registration form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..accounts_hooks import SESSION_KEY
from ..services import campaign_open_by_code


@require_GET
def join(request: HttpRequest, code: str) -> HttpResponse:
    """Keep the campaign's code for the registration form (which says so), then open it."""
    campaign = campaign_open_by_code(code)
    if campaign is None:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("This campaign has ended, but you can still sign up."))
    else:
        request.session[SESSION_KEY] = campaign.code
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return redirect("accounts:register")


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Your registration will not be counted for any campaign."))
    return redirect("accounts:register")
