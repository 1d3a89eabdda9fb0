"""Pages of the anonymous survey: the participant's survey of a completed booking, and the
provider staff's averages with the published comments, which they may answer once. Vouchers'
pages link here through ``kierunek.vouchers.hooks``
(registered in ``EvaluationsConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.vouchers.views.common import member_provider, participant_booking

from .. import selectors, services
from ..forms import SCORE_LABELS, ReplyForm, SurveyForm
from ..models import MIN_RESPONSES_SHOWN, SCORE_FIELDS
from ..selectors.comments import comments_published_for_provider


@role_required(Role.PARTICIPANT)
def booking_rate(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The anonymous survey of a completed service; a booking of anybody else is 404."""
    booking = participant_booking(request, booking_id)
    if booking.evaluated_at is not None:
        messages.info(request, _("You have already evaluated this service."))
        return redirect("vouchers:booking", booking_id=booking.pk)
    form = SurveyForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.evaluation_submit(
            booking_id=booking.pk,
            actor=actor_from_request(request),
            scores=form.scores(),
            comment=data["comment"],
        ),
        success=_("Thank you for your evaluation."),
        done=reverse("vouchers:booking", kwargs={"booking_id": booking.pk}),
    )
    return done or render(request, "evaluations/survey.html", {"booking": booking, "form": form})


def _ratings_page(request: HttpRequest, bound: dict[int, ReplyForm] | None = None) -> HttpResponse:
    provider = member_provider(request)
    rows, total = selectors.provider_ratings(provider=provider)
    bound = bound or {}
    comments = [
        {
            "response": response,
            "reply": getattr(response, "reply", None),
            "form": bound.get(response.pk) or ReplyForm(prefix=f"reply-{response.pk}"),
        }
        for response in comments_published_for_provider(provider=provider)
    ]
    context: dict[str, Any] = {
        "provider": provider,
        "rows": rows,
        "total": total,
        "score_columns": [(name, SCORE_LABELS[name]) for name in SCORE_FIELDS],
        "minimum": MIN_RESPONSES_SHOWN,
        "comments": comments,
    }
    return render(request, "evaluations/provider_ratings.html", context, status=400 if bound else 200)


@role_required(Role.PROVIDER_STAFF)
def provider_ratings(request: HttpRequest) -> HttpResponse:
    """Averages of the anonymous survey per service and overall; never a single response. The
    published comments (from the same threshold on), each with the provider's reply or a form."""
    return _ratings_page(request)


@role_required(Role.PROVIDER_STAFF)
@require_POST
def comment_reply(request: HttpRequest, response_id: int) -> HttpResponse:
    """The provider's public reply to a published comment on one of its services (once)."""
    provider = member_provider(request)
    form = ReplyForm(request.POST, prefix=f"reply-{response_id}")
    saved, _reply = form_saved(
        request,
        form,
        lambda data: services.comment_reply(
            response_id=response_id, provider=provider, actor=actor_from_request(request), text=data["text"]
        ),
        success=_("Your reply is published under the comment."),
    )
    if saved:
        return redirect(f"{reverse('evaluations:provider_ratings')}#comment-{response_id}")
    return _ratings_page(request, {response_id: form})
