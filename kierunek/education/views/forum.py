"""Pages of the Forum Edukacji: the Forum (members, meetings with agendas and minutes, topics,
standards, the map of good practices in education, the newsletter for education staff), a version
of a standard with its consultation (members comment, the coordinator answers, adopts, publishes),
and the coordinator's drafting of standards."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kierunek.accounts.models import Role, User
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, post_or_back, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_response
from kierunek.geo.map import drawing

from .. import selectors_forum as sel
from ..forms_forum import AnswerForm, CommentForm, ConsultationForm, DraftForm, MemberForm, TopicForm
from ..models import Metropolis
from ..models_forum import ForumMeeting, StandardVersion, VersionStatus
from ..selectors import metropolis_main
from ..services import forum as services

COORDINATOR = Role.METROPOLIS_STAFF
FORUM_ROLES = (
    Role.METROPOLIS_STAFF,
    Role.GMINA_STAFF,
    Role.SCHOOL_DIRECTOR,
    Role.TEACHER,
    Role.TRAINING_CENTRE_STAFF,
    Role.PARTNER_STAFF,
)
NEWSLETTER_TOPIC = "edukacja"


def _user(request: HttpRequest) -> User:
    """The logged-in person (every page here is behind ``role_required``)."""
    return cast(User, request.user)


def _metropolis() -> Metropolis:
    metropolis = metropolis_main()
    if metropolis is None:
        raise Http404
    return metropolis


@role_required(*FORUM_ROLES)
@require_GET
def forum(request: HttpRequest) -> HttpResponse:
    metropolis = _metropolis()
    picture = drawing()
    practices = list(sel.education_practices())
    points = []
    xs, ys = [], []
    for practice in practices:
        gmina = practice.institution.gmina
        x, y = picture.point(lon=gmina.lon, lat=gmina.lat)
        xs.append(x)
        ys.append(y)
        points.append({"x": round(x, 1), "y": round(y, 1), "practice": practice})
    return render(
        request,
        "education/forum/forum.html",
        {
            "metropolis": metropolis,
            "members": sel.members(metropolis),
            "is_member": sel.is_member(user=_user(request), metropolis=metropolis),
            "meetings": sel.meetings(metropolis),
            "topics": sel.topics(metropolis),
            "versions": sel.versions_visible(user=_user(request), metropolis=metropolis).order_by(
                "standard__title", "-number"
            ),
            "picture": picture,
            "points": points,
            "practices": practices,
            "newsletter_topic": NEWSLETTER_TOPIC,
            "draft_form": DraftForm() if _user(request).role == COORDINATOR else None,
        },
    )


@role_required(*FORUM_ROLES)
@require_GET
def meeting_file(request: HttpRequest, meeting_id: int, which: str) -> HttpResponse:
    meeting = get_object_or_404(ForumMeeting, pk=meeting_id, metropolis=_metropolis())
    file = {"porzadek": meeting.agenda_file, "protokol": meeting.minutes_file}.get(which)
    if not file:
        raise Http404
    return upload_response(file, "pdf", filename=f"{which}-{meeting.pk}.pdf")  # type: ignore[return-value]


def _version(request: HttpRequest, version_id: int) -> StandardVersion:
    visible = sel.versions_visible(user=_user(request), metropolis=_metropolis())
    return get_object_or_404(visible, pk=version_id)


def _version_url(version_id: int) -> str:
    return reverse("education:standard_version", args=[version_id])


@role_required(*FORUM_ROLES)
def version_page(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version with its consultation; a member comments here while it is open."""
    version = _version(request, version_id)
    metropolis = version.standard.metropolis
    may_comment = version.status == VersionStatus.CONSULTATION and sel.is_member(
        user=_user(request), metropolis=metropolis
    )
    form = CommentForm(request.POST or None) if may_comment else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.comment_add(
                actor=actor_from_request(request),
                version_id=version.pk,
                text=data["text"],
                section=data["section"],
            ),
            success=_("Your comment is sent. The coordinator will answer it."),
            done=_version_url(version.pk),
            refusals=REFUSALS_AND_DENIALS,
        )
        if done:
            return done
    is_coordinator = _user(request).role == COORDINATOR
    return render(
        request,
        "education/forum/version.html",
        {
            "version": version,
            "comments": version.comments.select_related("author").all(),
            "form": form,
            "is_coordinator": is_coordinator,
            "consultation_form": ConsultationForm()
            if is_coordinator and version.status == VersionStatus.DRAFT
            else None,
            "answer_form": AnswerForm()
            if is_coordinator and version.status == VersionStatus.CONSULTATION
            else None,
        },
    )


@role_required(COORDINATOR)
@post_or_back(lambda request: reverse("education:forum"))
def draft(request: HttpRequest) -> HttpResponse:
    form = DraftForm(request.POST)
    metropolis = _metropolis()
    done = submit(
        request,
        form,
        lambda data: services.standard_draft(
            actor=actor_from_request(request),
            metropolis=metropolis,
            title=data["title"],
            summary=data["summary"],
            text=data["text"],
        ),
        success=_("The draft is saved. Open it for consultation when it is ready."),
        done=lambda version: _version_url(version.pk),
    )
    return done or render(request, "education/forum/draft.html", {"form": form})


@role_required(COORDINATOR)
@post_or_back(lambda request, version_id: _version_url(version_id))
def version_step(request: HttpRequest, version_id: int, step: str) -> HttpResponse:
    """The coordinator's steps: open for consultation (with its closing day), adopt, publish, withdraw."""
    version = _version(request, version_id)
    actor = actor_from_request(request)
    here = _version_url(version.pk)
    if step == "konsultacje":
        form = ConsultationForm(request.POST)
        until = form.cleaned_data["until"] if form.is_valid() else None
        return act(
            request,
            lambda: services.version_open_consultation(actor=actor, version=version, until=until),
            success=_("The version is open for comments."),
            done=here,
        )
    steps = {
        "przyjmij": (services.version_adopt, _("The version is adopted.")),
        "opublikuj": (services.version_publish, _("The version is published.")),
        "wycofaj": (services.version_withdraw, _("The version is withdrawn.")),
    }
    if step not in steps:
        raise Http404
    service, message = steps[step]
    return act(request, lambda: service(actor=actor, version=version), success=message, done=here)


@role_required(COORDINATOR)
@post_or_back(lambda request, version_id, comment_id: _version_url(version_id))
def comment_answer(request: HttpRequest, version_id: int, comment_id: int) -> HttpResponse:
    version = _version(request, version_id)
    comment = get_object_or_404(version.comments.all(), pk=comment_id)
    form = AnswerForm(request.POST)
    text = form.cleaned_data["answer"] if form.is_valid() else ""
    return act(
        request,
        lambda: services.comment_answer(
            actor=actor_from_request(request), comment_id=comment.pk, answer=text
        ),
        success=_("The answer is saved."),
        done=_version_url(version.pk),
    )


# --- the coordinator's management of members and topics ----------------------------------------


def _manage_url(request: HttpRequest, **_kwargs: object) -> str:
    return reverse("education:forum_manage")


def _manage_page(request: HttpRequest, *, member_form: MemberForm, topic_form: TopicForm) -> HttpResponse:
    metropolis = _metropolis()
    return render(
        request,
        "education/forum/manage.html",
        {
            "members": sel.members(metropolis),
            "topics": sel.topics(metropolis),
            "member_form": member_form,
            "topic_form": topic_form,
        },
    )


@role_required(COORDINATOR)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The coordinator's page of the Forum's members and topics."""
    return _manage_page(request, member_form=MemberForm(), topic_form=TopicForm())


def _member_add(request: HttpRequest, form: MemberForm) -> object:
    data = form.cleaned_data
    user = User.objects.filter(email__iexact=data["email"], is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No account has this e-mail address.")})
    return services.forum_member_add(
        actor=actor_from_request(request),
        metropolis=_metropolis(),
        user=user,
        kind=data["kind"],
        organisation=data["organisation"],
        gmina=data.get("gmina"),
    )


@role_required(COORDINATOR)
@post_or_back(_manage_url)
def member_add(request: HttpRequest) -> HttpResponse:
    form = MemberForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: _member_add(request, form),
        success=_("The member is added."),
        done=reverse("education:forum_manage"),
    )
    return done or _manage_page(request, member_form=form, topic_form=TopicForm())


@role_required(COORDINATOR)
@post_or_back(_manage_url)
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.forum_member_remove(
            actor=actor_from_request(request), metropolis=_metropolis(), member_id=member_id
        ),
        success=_("The member is removed from the Forum."),
        done=reverse("education:forum_manage"),
    )


@role_required(COORDINATOR)
@post_or_back(_manage_url)
def topic_add(request: HttpRequest) -> HttpResponse:
    form = TopicForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.forum_topic_add(
            actor=actor_from_request(request),
            metropolis=_metropolis(),
            title=data["title"],
            description=data.get("description", ""),
        ),
        success=_("The topic is added."),
        done=reverse("education:forum_manage"),
    )
    return done or _manage_page(request, member_form=MemberForm(), topic_form=form)


@role_required(COORDINATOR)
@post_or_back(_manage_url)
def topic_remove(request: HttpRequest, topic_id: int) -> HttpResponse:
    return act(
        request,
        lambda: services.forum_topic_remove(
            actor=actor_from_request(request), metropolis=_metropolis(), topic_id=topic_id
        ),
        success=_("The topic is removed."),
        done=reverse("education:forum_manage"),
    )
