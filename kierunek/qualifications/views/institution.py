"""The certifying institution as its own staff see it: the qualifications it is authorised to
certify and who does what there (validation advisors, assessors, signers)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kierunek.accounts.models import Role
from kierunek.core.permissions import role_required

from .. import selectors


@never_cache
@role_required(Role.CERTIFICATION_STAFF)
def my_institutions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "qualifications/institution/mine.html",
        {"institutions": selectors.institutions_of_staff(user=request.user)},  # type: ignore[arg-type]
    )
