"""A logged-in person's own subscription (the address of their account): its state, its topics,
unsubscribing and erasing it; or the subscription form with their address prefilled."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, post_or_back

from .. import domain, selectors, services, tokens
from .public import subscribe_form


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    subscription = selectors.subscription_of(user=request_user(request))
    context: dict[str, object] = {"subscription": subscription}
    if subscription is not None and subscription.status != domain.UNSUBSCRIBED:
        token = tokens.subscriber_token(subscription)
        context["preferences"] = reverse("newsletter:preferences", args=[token])
        context["unsubscribe_url"] = reverse("newsletter:unsubscribe", args=[token])
    else:
        try:
            wording = services.wording_current()
        except ValidationError:
            wording = None
        if wording is not None:
            context["form"] = subscribe_form(request, wording)
            context["wording"] = wording
    return render(request, "newsletter/mine.html", context)


@login_required
@post_or_back(lambda request: reverse("newsletter:mine"))
def mine_erase(request: HttpRequest) -> HttpResponse:
    """Erase the subscription of one's own address with its consent records (GDPR art. 17)."""
    subscription = selectors.subscription_of(user=request_user(request))
    if subscription is None:
        return redirect("newsletter:mine")
    asked = confirm_first(
        request,
        question=_("Erase your newsletter subscription and its records?"),
        consequences=[
            _(
                "Your address, your topics and the record of your consent are deleted. "
                "No issue will reach you."
            )
        ],
        confirm_label=_("Erase"),
        back=reverse("newsletter:mine"),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.subscriber_erase(actor=actor_from_request(request), subscriber_id=subscription.pk),
        success=_("Your newsletter subscription is erased."),
        done=reverse("newsletter:mine"),
    )
