"""Pages that keep a body's records: officers for every body, partner staff for the bodies where
they sit as secretary or leader (another body is a 404); a group's leader also keeps its
members. The office sets bodies up, adds terms, and reviews and publishes the groups' products."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import act, confirm_first, form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from .. import selectors_bodies as selectors
from .. import services
from ..forms_bodies import (
    BodyDetailsForm,
    BodyForm,
    DecisionForm,
    DecisionMoveForm,
    LeaveForm,
    MeetingForm,
    MemberForm,
    PdfForm,
    ProductForm,
    ProductReviewForm,
    TermForm,
    VersionForm,
)
from ..models_bodies import Body, BodyMember, Product, ProductVersion

STAFF = (Role.OFFICER, Role.PARTNER_STAFF)


def _kept(request: HttpRequest, body_id: int) -> Body:
    try:
        return selectors.body_kept(user=request_user(request), body_id=body_id)
    except Body.DoesNotExist:
        raise Http404 from None


def _here(body: Body) -> str:
    return reverse("partnership:body_manage", args=[body.pk])


def _flash_form_errors(request: HttpRequest, form: Any) -> None:
    for field_errors in form.errors.values():
        for error in field_errors:
            messages.error(request, str(error))


def _member_form(request: HttpRequest, body: Body, data: Any = None) -> MemberForm:
    user = request_user(request)
    return MemberForm(
        data,
        body=body,
        leader_named_by_office=getattr(user, "role", None) != Role.OFFICER,
        initial={"joined_on": timezone.localdate()},
    )


@role_required(*STAFF)
def kept_bodies(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "partnership/bodies/kept.html",
        {
            "bodies": selectors.bodies_kept_by(user=user),
            "products": selectors.products_for_office() if user.role == Role.OFFICER else [],
        },
    )


@role_required(Role.OFFICER)
def body_new(request: HttpRequest) -> HttpResponse:
    form = BodyForm(request.POST or None, initial={"established_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda data: services.body_create(
            actor=actor_from_request(request),
            partnership_id=data["partnership"].pk,
            kind=data["kind"],
            name=data["name"],
            topic=data["topic"],
            meetings_per_year=data["meetings_per_year"],
            established_on=data["established_on"],
        ),
        success=_("The body was set up."),
        done=_here,
    )
    return done or render(request, "partnership/bodies/body_new.html", {"form": form})


def _manage_page(request: HttpRequest, body: Body, **forms: Any) -> HttpResponse:
    user = request_user(request)
    today = timezone.localdate()
    manages = selectors.may_manage_members(user=user, body=body)
    return render(
        request,
        "partnership/bodies/manage.html",
        {
            "body": body,
            "is_officer": user.role == Role.OFFICER,
            "manages_members": manages,
            "members": selectors.members_sitting(body=body),
            "past_members": selectors.members_past(body=body),
            "terms": body.terms.all(),
            "meetings": selectors.meetings_of(body=body),
            "decisions": selectors.decisions_of(body=body),
            "products": selectors.products_of(body=body) if body.is_group else [],
            "member_form": forms.get("member_form") or (_member_form(request, body) if manages else None),
            "term_form": forms.get("term_form") or TermForm(),
            "details_form": forms.get("details_form")
            or BodyDetailsForm(initial=BodyDetailsForm.initial_of(body)),
            "minutes_form": PdfForm(),
            "today": today,
            "now": timezone.now(),
        },
    )


@role_required(*STAFF)
def body_manage(request: HttpRequest, body_id: int) -> HttpResponse:
    return _manage_page(request, _kept(request, body_id))


@role_required(Role.OFFICER)
@require_POST
def body_edit(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    form = BodyDetailsForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.body_update(
            actor=actor_from_request(request),
            body_id=body.pk,
            name=data["name"],
            topic=data["topic"],
            meetings_per_year=data["meetings_per_year"],
            dissolved_on=data["dissolved_on"],
        ),
        success=_("The details were saved."),
        done=_here(body),
    )
    return done or _manage_page(request, body, details_form=form)


@role_required(Role.OFFICER)
@require_POST
def term_add(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    form = TermForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.term_add(
            actor=actor_from_request(request),
            body_id=body.pk,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        ),
        success=_("The term was added."),
        done=_here(body),
    )
    return done or _manage_page(request, body, term_form=form)


@role_required(*STAFF)
@require_POST
def member_add(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    if not selectors.may_manage_members(user=request_user(request), body=body):
        raise Http404
    form = _member_form(request, body, request.POST)
    done = submit(
        request,
        form,
        lambda data: services.member_add(
            actor=actor_from_request(request),
            body_id=body.pk,
            institution_id=data["institution"].pk,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            function=data["function"],
            joined_on=data["joined_on"],
        ),
        success=_("The member was added."),
        done=_here(body),
    )
    return done or _manage_page(request, body, member_form=form)


@role_required(*STAFF)
@require_POST
def member_leave(request: HttpRequest, body_id: int, member_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    if not body.members.filter(pk=member_id).exists():
        raise Http404
    form = LeaveForm(request.POST)
    if form.is_valid():
        member = BodyMember.objects.get(pk=member_id)
        asked = confirm_first(
            request,
            question=_("Record that %(name)s left %(body)s?") % {"name": member.full_name, "body": body.name},
            consequences=[_("They are no longer invited to the body's meetings.")],
            confirm_label=_("Record the leaving"),
            back=_here(body),
            shown={"left_on": _("Left on")},
        )
        if asked is not None:
            return asked
    saved, _result = form_saved(
        request,
        form,
        lambda data: services.member_leave(
            actor=actor_from_request(request), member_id=member_id, left_on=data["left_on"]
        ),
        success=_("The leaving was recorded."),
    )
    if not saved:
        _flash_form_errors(request, form)
    return redirect(_here(body))


@role_required(*STAFF)
def meeting_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    form = MeetingForm(request.POST or None, initial={"title": _("Meeting: %(body)s") % {"body": body.name}})
    done = submit(
        request,
        form,
        lambda data: services.meeting_schedule(
            actor=actor_from_request(request), body_id=body.pk, data=form.data_for_service()
        ),
        success=_("The meeting was scheduled and the members invited."),
        done=_here(body),
    )
    return done or render(request, "partnership/bodies/meeting_new.html", {"body": body, "form": form})


@role_required(*STAFF)
@require_POST
def minutes_attach(request: HttpRequest, body_id: int, meeting_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    if not body.meetings.filter(pk=meeting_id).exists():
        raise Http404
    form = PdfForm(request.POST, request.FILES)
    saved, _result = form_saved(
        request,
        form,
        lambda data: services.minutes_attach(
            actor=actor_from_request(request), meeting_id=meeting_id, upload=data["file"]
        ),
        success=_("The minutes were attached."),
    )
    if not saved:
        _flash_form_errors(request, form)
    return redirect(_here(body))


@role_required(*STAFF)
def decision_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    meetings = selectors.meetings_of(body=body)
    form = DecisionForm(request.POST or None, meetings=meetings, initial={"adopted_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda data: services.decision_record(
            actor=actor_from_request(request),
            body_id=body.pk,
            title=data["title"],
            text_=data["text"],
            adopted_on=data["adopted_on"],
            meeting_id=form.meeting_id(),
        ),
        success=lambda decision: _("Decision %(ref)s was recorded.") % {"ref": decision.reference},
        done=_here(body),
    )
    return done or render(request, "partnership/bodies/decision_new.html", {"body": body, "form": form})


@role_required(*STAFF)
@require_POST
def decision_move(request: HttpRequest, body_id: int, decision_id: int, transition: str) -> HttpResponse:
    body = _kept(request, body_id)
    if not body.decisions.filter(pk=decision_id).exists():
        raise Http404
    form = DecisionMoveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return act(
        request,
        lambda: services.decision_move(
            actor=actor_from_request(request), decision_id=decision_id, transition=transition, note=note
        ),
        success=_("The decision's status was changed."),
        done=_here(body),
    )


@role_required(*STAFF)
def product_new(request: HttpRequest, body_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    if not body.is_group:
        raise Http404
    form = ProductForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.product_create(
            actor=actor_from_request(request),
            body_id=body.pk,
            title=data["title"],
            summary=data["summary"],
            upload=data["file"],
            note=data["note"],
        ),
        success=_("The product was saved as a draft with its first version."),
        done=lambda product: reverse("partnership:body_product", args=[body.pk, product.pk]),
    )
    return done or render(request, "partnership/bodies/product_new.html", {"body": body, "form": form})


def _product(body: Body, product_id: int) -> Product:
    try:
        return selectors.product_kept(body=body, product_id=product_id)
    except Product.DoesNotExist:
        raise Http404 from None


@role_required(*STAFF)
def product_manage(request: HttpRequest, body_id: int, product_id: int) -> HttpResponse:
    """The product's page: its versions and history; a new version while it is a draft."""
    body = _kept(request, body_id)
    product = _product(body, product_id)
    here = reverse("partnership:body_product", args=[body.pk, product.pk])
    form = VersionForm(request.POST or None, request.FILES or None) if product.status == "draft" else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.product_version_add(
                actor=actor_from_request(request),
                product_id=product.pk,
                upload=data["file"],
                note=data["note"],
            ),
            success=lambda version: _("Version %(n)d was added.") % {"n": version.number},
            done=here,
        )
        if done is not None:
            return done
    user = request_user(request)
    return render(
        request,
        "partnership/bodies/product_manage.html",
        {
            "body": body,
            "product": product,
            "versions": sorted(product.versions.all(), key=lambda v: -v.number),
            "events": product.events.all(),
            "form": form,
            "review_form": ProductReviewForm()
            if user.role == Role.OFFICER and product.status == "in_review"
            else None,
            "is_officer": user.role == Role.OFFICER,
        },
    )


@role_required(*STAFF)
def product_version_file(
    request: HttpRequest, body_id: int, product_id: int, version_id: int
) -> FileResponse:
    body = _kept(request, body_id)
    product = _product(body, product_id)
    try:
        version = product.versions.get(pk=version_id)
    except ProductVersion.DoesNotExist:
        raise Http404 from None
    return upload_response(
        version.file,
        version.file_kind,
        filename=upload_name(f"produkt-{product.pk}-v{version.number}", version.file_kind),
    )


@role_required(*STAFF)
@require_POST
def product_submit(request: HttpRequest, body_id: int, product_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    product = _product(body, product_id)
    return act(
        request,
        lambda: services.product_submit(actor=actor_from_request(request), product_id=product.pk),
        success=_("The product was sent to the programme office for review."),
        done=reverse("partnership:body_product", args=[body.pk, product.pk]),
    )


@role_required(Role.OFFICER)
@require_POST
def product_review(request: HttpRequest, body_id: int, product_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    product = _product(body, product_id)
    here = reverse("partnership:body_product", args=[body.pk, product.pk])
    form = ProductReviewForm(request.POST)
    saved, _result = form_saved(
        request,
        form,
        lambda data: services.product_review(
            actor=actor_from_request(request),
            product_id=product.pk,
            approve=data["decision"] == ProductReviewForm.APPROVE,
            comment=data["comment"],
        ),
        success=_("The decision was recorded and the group informed."),
    )
    if not saved:
        _flash_form_errors(request, form)
    return redirect(here)


@role_required(Role.OFFICER)
@require_POST
def product_publish(request: HttpRequest, body_id: int, product_id: int) -> HttpResponse:
    body = _kept(request, body_id)
    product = _product(body, product_id)
    here = reverse("partnership:body_product", args=[body.pk, product.pk])
    asked = confirm_first(
        request,
        question=_("Publish “%(title)s”?") % {"title": product.title},
        consequences=[
            _("Anyone can read and download it on the group's page and in the library of products.")
        ],
        confirm_label=_("Publish"),
        back=here,
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: services.product_publish(actor=actor_from_request(request), product_id=product.pk),
        success=_("The product was published."),
        done=here,
    )
