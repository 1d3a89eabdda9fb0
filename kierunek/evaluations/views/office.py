"""The programme officers' pages of evaluations: the moderation of survey comments, and the
quality overview (ratings, outcome results and the quality signals per provider and category,
the providers to monitor, and a monitoring visit opened from there)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, form_saved
from kierunek.core.permissions import role_required

from .. import services
from ..forms import MonitoringVisitForm, PeriodForm, ReasonForm
from ..models import MIN_RESPONSES_SHOWN, CommentState, SurveyResponse
from ..selectors.comments import comments_pending
from ..selectors.overview import RATING_FLAG_BELOW, quality_by_category, quality_by_provider, signals_shown

PUBLISHED_SHOWN = 20


# --- moderation of comments ------------------------------------------------------------------


def _moderation_page(request: HttpRequest, bound: dict[str, ReasonForm] | None = None) -> HttpResponse:
    bound = bound or {}
    pending = [
        {"response": r, "form": bound.get(f"reject-{r.pk}") or ReasonForm(prefix=f"reject-{r.pk}")}
        for r in comments_pending()
    ]
    published = [
        {"response": r, "form": bound.get(f"withdraw-{r.pk}") or ReasonForm(prefix=f"withdraw-{r.pk}")}
        for r in SurveyResponse.objects.filter(comment_state=CommentState.APPROVED)
        .select_related("card", "provider", "reply")
        .order_by("-comment_decided_at", "-id")[:PUBLISHED_SHOWN]
    ]
    return render(
        request,
        "evaluations/office_comments.html",
        {"pending": pending, "published": published, "minimum": MIN_RESPONSES_SHOWN},
        status=400 if bound else 200,
    )


@role_required(Role.OFFICER)
def comments(request: HttpRequest) -> HttpResponse:
    """The comments waiting for moderation (anonymous: the text, the service and the month), and
    the latest published ones, which can be withdrawn."""
    return _moderation_page(request)


@role_required(Role.OFFICER)
@require_POST
def comment_approve(request: HttpRequest, response_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.comment_approve(response_id=response_id, actor=actor_from_request(request)),
        success=_("The comment is published on the service's page."),
        done="evaluations:office_comments",
    )


def _with_reason(request: HttpRequest, response_id: int, step: str) -> HttpResponse:
    service = services.comment_reject if step == "reject" else services.comment_withdraw
    form = ReasonForm(request.POST, prefix=f"{step}-{response_id}")
    saved, _result = form_saved(
        request,
        form,
        lambda data: service(
            response_id=response_id, actor=actor_from_request(request), reason=data["reason"]
        ),
        success=_("The comment is not published.")
        if step == "reject"
        else _("The comment is taken off the service's page."),
    )
    if saved:
        return redirect("evaluations:office_comments")
    return _moderation_page(request, {f"{step}-{response_id}": form})


@role_required(Role.OFFICER)
@require_POST
def comment_reject(request: HttpRequest, response_id: int) -> HttpResponse:
    return _with_reason(request, response_id, "reject")


@role_required(Role.OFFICER)
@require_POST
def comment_withdraw(request: HttpRequest, response_id: int) -> HttpResponse:
    return _with_reason(request, response_id, "withdraw")


# --- the quality overview --------------------------------------------------------------------


def _overview_page(request: HttpRequest, bound: dict[int, MonitoringVisitForm] | None = None) -> HttpResponse:
    period = PeriodForm(request.GET or None)
    months = period.cleaned_data.get("okres") if period.is_valid() else ""
    since = timezone.localdate() - timedelta(days=365) if months == "12" else None
    providers = quality_by_provider(since=since)
    bound = bound or {}
    default_day = timezone.localdate() + timedelta(days=14)
    flagged = [
        {
            "row": row,
            "form": bound.get(row.key)
            or MonitoringVisitForm(prefix=f"visit-{row.key}", initial={"planned_on": default_day}),
        }
        for row in providers
        if row.flags
    ]
    context: dict[str, Any] = {
        "period": period,
        "providers": providers,
        "categories": quality_by_category(since=since),
        "flagged": flagged,
        "signals": signals_shown(),
        "limit": RATING_FLAG_BELOW,
        "minimum": MIN_RESPONSES_SHOWN,
    }
    return render(request, "evaluations/office_quality.html", context, status=400 if bound else 200)


@role_required(Role.OFFICER)
def quality(request: HttpRequest) -> HttpResponse:
    return _overview_page(request)


@role_required(Role.OFFICER)
@require_POST
def monitoring_visit_open(request: HttpRequest, provider_id: int) -> HttpResponse:
    """Plan an ad-hoc monitoring visit under the flagged provider's quality mark, then show the
    quality-mark case, where the visit's findings are recorded."""
    form = MonitoringVisitForm(request.POST, prefix=f"visit-{provider_id}")
    saved, visit = form_saved(
        request,
        form,
        lambda data: services.monitoring_visit_open(
            provider_id=provider_id,
            planned_on=data["planned_on"],
            remote=data["remote"],
            actor=actor_from_request(request),
        ),
        success=_("The monitoring visit is planned. The provider is informed."),
    )
    if saved and visit is not None:
        return redirect(reverse("quality:officer_case", args=[visit.case_id]))
    return _overview_page(request, {provider_id: form})
