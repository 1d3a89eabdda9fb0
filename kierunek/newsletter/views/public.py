"""Public pages: the subscription form (double opt-in), the confirmation link, the preferences
and the unsubscribe link of every message (signed, no login), and the archive of sent issues."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import form_saved

from .. import domain, selectors, services, tokens
from ..forms import PreferencesForm, SubscribeForm
from ..models import ConsentWording, Subscriber


def _source(request: HttpRequest, form: str) -> str:
    """Where a consent was given: the page's path and the form's name."""
    return f"{request.path} ({form})"


def subscribe_form(request: HttpRequest, wording: ConsentWording) -> SubscribeForm:
    """The subscription form, its address prefilled with a logged-in person's own."""
    user = request_user(request)
    initial = {"wording_version": wording.version}
    if getattr(user, "is_authenticated", False):
        initial["email"] = user.email
    return SubscribeForm(request.POST or None, initial=initial)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Anybody: sign an address up. The answer is the same for every address (the page tells
    nobody who subscribes); the e-mail's link confirms."""
    try:
        wording = services.wording_current()
    except ValidationError:
        raise Http404 from None
    form = subscribe_form(request, wording)
    if request.method == "POST":
        saved, _subscriber = form_saved(
            request,
            form,
            lambda data: services.subscription_request(
                actor=actor_from_request(request),
                choice=services.SubscriptionChoice(
                    email=data["email"],
                    audience=data["audience"],
                    topic_ids=[t.pk for t in data["topics"]],
                    wording_version=data["wording_version"],
                    source=_source(request, "subscribe form"),
                    language=translation.get_language() or "pl",
                ),
            ),
        )
        if saved:
            return render(request, "newsletter/check_mail.html", {"email": form.cleaned_data["email"]})
    return render(request, "newsletter/subscribe.html", {"form": form, "wording": wording})


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/link_invalid.html", status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: its GET shows one button (mail filters open links before the person
    does, and must not confirm); the button's POST confirms."""
    try:
        subscriber = tokens.confirm_token_read(token)
    except signing.BadSignature:
        return _link_invalid(request)
    if request.method == "POST":
        subscriber = services.subscription_confirm(
            actor=actor_from_request(request),
            subscriber=subscriber,
            source=_source(request, "confirmation link"),
        )
        if subscriber.status != domain.CONFIRMED:
            return render(
                request, "newsletter/confirm.html", {"subscriber": subscriber, "unsubscribed": True}
            )
        return render(
            request,
            "newsletter/confirm.html",
            {
                "subscriber": subscriber,
                "done": True,
                "preferences": reverse("newsletter:preferences", args=[tokens.subscriber_token(subscriber)]),
            },
        )
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber, "token": token})


def preferences_page(
    request: HttpRequest, subscriber: Subscriber, *, form: PreferencesForm | None = None, **extra: object
) -> HttpResponse:
    token = tokens.subscriber_token(subscriber)
    form = form or PreferencesForm(
        initial={
            "audience": subscriber.audience,
            "topics": list(subscriber.topics.values_list("pk", flat=True)),
        }
    )
    return render(
        request,
        "newsletter/preferences.html",
        {
            "subscriber": subscriber,
            "form": form,
            "unsubscribe_url": reverse("newsletter:unsubscribe", args=[token]),
            "action": request.path,
            **extra,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Every message's link to the preferences: change the topics, or unsubscribe (a button that
    posts to the unsubscribe address)."""
    try:
        subscriber = tokens.subscriber_token_read(token)
    except signing.BadSignature:
        return _link_invalid(request)
    form = PreferencesForm(request.POST or None) if request.method == "POST" else None
    if form is not None:
        saved, _result = form_saved(
            request,
            form,
            lambda data: services.subscription_topics_set(
                actor=actor_from_request(request),
                subscriber=subscriber,
                topic_ids=form.topic_ids(),
                audience=data["audience"],
                source=_source(request, "preferences page"),
            ),
            success=_("Your topics are saved."),
        )
        if saved:
            return redirect(request.path)
    return preferences_page(request, subscriber, form=form)


@csrf_exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no session or token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The message's unsubscribe link and the List-Unsubscribe address. A POST (the mail client's
    one-click, or the page's button) unsubscribes at once, with no confirmation page; a GET shows
    the button and changes nothing, since mail filters and link previews open links before the
    person does (RFC 8058, section 1)."""
    try:
        subscriber = tokens.subscriber_token_read(token)
    except signing.BadSignature:
        return _link_invalid(request)
    if request.method == "POST":
        subscriber = services.subscription_end(
            actor=actor_from_request(request),
            subscriber=subscriber,
            source=_source(request, "unsubscribe link"),
        )
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber, "done": True})
    return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber, "action": request.path})


def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/archive.html", {"issues": selectors.archive()})


def archive_issue(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(selectors.archive(), pk=issue_id)
    return render(
        request, "newsletter/archive_issue.html", {"issue": issue, "body_html": domain.body_html(issue.body)}
    )
