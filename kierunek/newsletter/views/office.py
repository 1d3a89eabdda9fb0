"""The office's pages (officers): issues (compose, preview, test send, schedule, send and its
progress), topics, the consent's wording, subscribers with their proof of consent, unsubscribing
and erasure on request."""

from __future__ import annotations

import csv
import json
from io import StringIO

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required

from .. import domain, selectors, services
from ..forms import IssueForm, ScheduleForm, SearchForm, TopicForm, WordingForm
from ..models import ConsentWording, Issue, Subscriber, SubscriberStatus, Topic
from ..services import sending

OFFICE = Role.OFFICER


def _issue_url(issue_id: int) -> str:
    return reverse("newsletter:issue", args=[issue_id])


@role_required(OFFICE)
def office(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsletter/office.html",
        {"issues": selectors.issues_for_office(), "reach": selectors.reach(), "topics": Topic.objects.all()},
    )


def _issue_data(form: IssueForm) -> services.IssueData:
    data = form.cleaned_data
    return services.IssueData(
        subject=data["subject"],
        body=data["body"],
        audience=data["audience"],
        topic_ids=[t.pk for t in data["topics"]],
    )


@role_required(OFFICE)
def issue_new(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.issue_save(actor=actor_from_request(request), data=_issue_data(form)),
        success=_("The issue is saved as a draft. Check its preview."),
        done=lambda issue: _issue_url(issue.pk),
    )
    return done or render(request, "newsletter/issue_form.html", {"form": form, "issue": None})


@role_required(OFFICE)
def issue_edit(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=issue_id)
    initial = {
        "subject": issue.subject,
        "body": issue.body,
        "audience": issue.audience,
        "topics": list(issue.topics.values_list("pk", flat=True)),
    }
    form = IssueForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.issue_save(
            actor=actor_from_request(request), data=_issue_data(form), issue_id=issue.pk
        ),
        success=_("The issue is saved."),
        done=_issue_url(issue.pk),
    )
    return done or render(request, "newsletter/issue_form.html", {"form": form, "issue": issue})


def _issue_page(
    request: HttpRequest, issue: Issue, *, schedule_form: ScheduleForm | None = None
) -> HttpResponse:
    return render(
        request,
        "newsletter/issue.html",
        {
            "issue": issue,
            "body_html": domain.body_html(issue.body),
            "recipients": sending.recipients_of(issue).count() if issue.editable else None,
            "progress": sending.progress(issue),
            "schedule_form": schedule_form or ScheduleForm(),
        },
    )


@role_required(OFFICE)
def issue(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _issue_page(request, get_object_or_404(Issue, pk=issue_id))


@role_required(OFFICE)
def issue_progress(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The sending's progress (HTMX swaps it every 2 seconds while the issue is sending)."""
    issue = get_object_or_404(Issue, pk=issue_id)
    return render(request, "newsletter/_progress.html", {"issue": issue, "progress": sending.progress(issue)})


@role_required(OFFICE)
@post_or_back(lambda request, issue_id: _issue_url(issue_id))
def issue_test(request: HttpRequest, issue_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.issue_test_send(actor=actor_from_request(request), issue_id=issue_id),
        success=_("A test copy is on its way to your address."),
        done=_issue_url(issue_id),
    )


@role_required(OFFICE)
@post_or_back(lambda request, issue_id: _issue_url(issue_id))
def issue_schedule(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=issue_id)
    form = ScheduleForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.issue_schedule(
            actor=actor_from_request(request), issue_id=issue.pk, at=data["scheduled_for"]
        ),
        success=_("The issue is scheduled."),
        done=_issue_url(issue.pk),
    )
    return done or _issue_page(request, issue, schedule_form=form)


@role_required(OFFICE)
@post_or_back(lambda request, issue_id: _issue_url(issue_id))
def issue_unschedule(request: HttpRequest, issue_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.issue_unschedule(actor=actor_from_request(request), issue_id=issue_id),
        success=_("The issue is a draft again."),
        done=_issue_url(issue_id),
    )


@role_required(OFFICE)
@post_or_back(lambda request, issue_id: _issue_url(issue_id))
def issue_send(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=issue_id)
    asked = confirm_first(
        request,
        question=_("Send the issue %(subject)s now?") % {"subject": issue.subject},
        consequences=[
            _(
                "It goes to %(count)s subscribers. A sent issue cannot be called back; "
                "it appears in the public archive."
            )
            % {"count": sending.recipients_of(issue).count()}
        ],
        confirm_label=_("Send the issue"),
        back=_issue_url(issue.pk),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.issue_send(actor=actor_from_request(request), issue_id=issue.pk),
        success=_("Sending has started; the worker sends the issue in batches."),
        done=_issue_url(issue.pk),
    )


@role_required(OFFICE)
def topics(request: HttpRequest, topic_id: int | None = None) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=topic_id) if topic_id is not None else None
    initial = {"offered": True, "position": 0}
    if topic is not None:
        initial = {f: getattr(topic, f) for f in ("name", "slug", "description", "position", "offered")}
    form = TopicForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.topic_save(
            actor=actor_from_request(request),
            data=services.TopicData(**data),
            topic_id=topic.pk if topic else None,
        ),
        success=_("The topic is saved."),
        done=reverse("newsletter:topics"),
    )
    return done or render(
        request, "newsletter/topics.html", {"form": form, "topic": topic, "topics": Topic.objects.all()}
    )


@role_required(OFFICE)
def wording(request: HttpRequest) -> HttpResponse:
    form = WordingForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.wording_publish(actor=actor_from_request(request), text=data["text"]),
        success=_("The new wording is in use from now on."),
        done=reverse("newsletter:wording"),
    )
    return done or render(
        request, "newsletter/wording.html", {"form": form, "wordings": ConsentWording.objects.all()}
    )


@role_required(OFFICE)
def subscribers(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    status = request.GET.get("status", "")
    status = status if status in SubscriberStatus.values else ""
    page = Paginator(selectors.subscribers_for_office(query=query, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "newsletter/subscribers.html",
        {"form": form, "page": page, "status": status, "statuses": SubscriberStatus.choices, "query": query},
    )


@role_required(OFFICE)
def subscriber(request: HttpRequest, subscriber_id: int) -> HttpResponse:
    get_object_or_404(Subscriber, pk=subscriber_id)
    found = services.subscriber_read(actor=actor_from_request(request), subscriber_id=subscriber_id)
    return render(request, "newsletter/subscriber.html", {"subscriber": found})


PROOF_COLUMNS = [
    "email",
    "event",
    "occurred_at",
    "source",
    "ip_address",
    "wording_version",
    "wording_text",
    "audience",
    "topics",
]


@role_required(OFFICE)
def subscriber_proof(request: HttpRequest, subscriber_id: int, fmt: str) -> HttpResponse:
    """The proof of consent as JSON or CSV (one row per consent record), for the person or an
    authority that asks."""
    if fmt not in {"json", "csv"}:
        raise Http404
    get_object_or_404(Subscriber, pk=subscriber_id)
    proof = services.consent_proof(actor=actor_from_request(request), subscriber_id=subscriber_id)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(proof, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    else:
        out = StringIO()
        writer = csv.DictWriter(out, fieldnames=PROOF_COLUMNS)
        writer.writeheader()
        for record in proof["consents"]:
            writer.writerow(
                {**record, "email": proof["subscriber"]["email"], "topics": " ".join(record["topics"])}
            )
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsletter-consent-{subscriber_id}.{fmt}"'
    return response


def _subscriber_url(subscriber_id: int) -> str:
    return reverse("newsletter:subscriber", args=[subscriber_id])


@role_required(OFFICE)
@post_or_back(lambda request, subscriber_id: _subscriber_url(subscriber_id))
def subscriber_unsubscribe(request: HttpRequest, subscriber_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.subscription_end_by_office(
            actor=actor_from_request(request), subscriber_id=subscriber_id
        ),
        success=_("The address is unsubscribed."),
        done=_subscriber_url(subscriber_id),
    )


@role_required(OFFICE)
@post_or_back(lambda request, subscriber_id: _subscriber_url(subscriber_id))
def subscriber_erase(request: HttpRequest, subscriber_id: int) -> HttpResponse:
    found = get_object_or_404(Subscriber, pk=subscriber_id)
    asked = confirm_first(
        request,
        question=_("Erase the subscriber %(email)s?") % {"email": found.email},
        consequences=[
            _(
                "The address, its topics, its consent records and its deliveries are deleted, as the "
                "person asked. Export the proof first if it must be kept."
            )
        ],
        confirm_label=_("Erase"),
        back=_subscriber_url(found.pk),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.subscriber_erase(actor=actor_from_request(request), subscriber_id=found.pk),
        success=_("The subscriber is erased."),
        done=reverse("newsletter:subscribers"),
    )
