"""The project's single ``role`` is the first gate of the CMS admin (Wagtail, under
``/cms-admin/``): anonymous people are sent to the one login page (two factors for staff, by
:class:`kierunek.accounts.middleware.StaffTwoFactorMiddleware` before this), a person of any
other role gets 403 whatever Wagtail permissions they might hold. Inside, Wagtail's group and
page-tree permissions decide what each editor may do (:mod:`kierunek.cms.editors`)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .editors import ADMIN_PREFIX, EDITOR_ROLES


class CmsAdminGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ADMIN_PREFIX):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request.user, "role", None) not in EDITOR_ROLES:
                raise PermissionDenied
        return self.get_response(request)
