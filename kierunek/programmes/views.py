"""Pages of the programmes context. Participants: the application (draft and submission), the
decision with its reasons, and "my data" (consents, withdrawal, export). Officers: applications to
review, one application (an audited read) with the review form, and the programmes' rules with
their dated versions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core.actor import actor_from_request
from kierunek.core.forms import form_add_service_errors
from kierunek.core.pages import act, submit
from kierunek.core.permissions import role_required
from kierunek.core.personal_data import participants_list_read
from kierunek.core.uploads import upload_name, upload_response

from . import explain, selectors
from .consents import CONSENT_TEXTS
from .forms import ApplicationForm, AttachmentForm, ReviewForm
from .models import Application, ApplicationStatus, ConsentKind, Programme, RuleKey
from .personal_data import participant_data_export
from .services import applications, attachments, consents


def _current_programme_or_404() -> Programme:
    programme = selectors.programme_current()
    if programme is None:
        raise Http404(_("No programme takes applications now."))
    return programme


# --- participant ------------------------------------------------------------------------------


@role_required(Role.PARTICIPANT)
def application(request: HttpRequest) -> HttpResponse:
    """The application form. A draft is kept with "Save draft"; "Submit" decides it at once by
    the rules in force today and shows the decision."""
    user: User = request.user  # type: ignore[assignment]
    programme = selectors.programme_current()
    if programme is None:
        return render(request, "programmes/no_programme.html")
    current = selectors.current_application(user=user, programme=programme)
    if current is not None and current.status != ApplicationStatus.DRAFT:
        return redirect("programmes:decision")
    consents = selectors.active_consents(user=user, programme=programme)
    form = ApplicationForm(
        request.POST or None,
        initial=ApplicationForm.initial_from(current),
        consents_in_force=set(consents),
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            if current is None:
                current = applications.application_start(
                    participant=user, programme=programme, actor=actor_from_request(request)
                )
            save = applications.application_submit if submit else applications.application_save_draft
            save(
                application_id=current.pk,
                participant=user,
                answers=form.answers(),
                give_consents=form.consents_ticked(),
                actor=actor_from_request(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if submit:
                messages.success(request, _("Your application has been submitted and decided."))
                return redirect("programmes:decision")
            messages.success(request, _("Your draft has been saved. You can come back to it at any time."))
            return redirect("programmes:application")
    return _application_page(request, programme, current, form)


def _application_page(
    request: HttpRequest,
    programme: Programme,
    current: Application | None,
    form: ApplicationForm,
    *,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    consents = selectors.active_consents(user=user, programme=programme)
    return render(
        request,
        "programmes/application_form.html",
        {
            "programme": programme,
            "application": current,
            "form": form,
            "given_consents": [(CONSENT_TEXTS[kind], consent) for kind, consent in consents.items()],
            "profile": ParticipantProfile.objects.filter(user=user).first(),
            "eligibility": _rule_in_force(programme, RuleKey.ELIGIBILITY),
            "attachment_form": (attachment_form or AttachmentForm()) if current is not None else None,
            "attachments": list(current.attachments.all()) if current is not None else [],
        },
        status=status,
    )


def _rule_in_force(programme: Programme, key: str) -> dict[str, Any] | None:
    try:
        version = selectors.rule_version_on(programme=programme, key=key, day=timezone.localdate())
    except selectors.RuleNotInForce:
        return None
    return {"version": version, "lines": explain.describe_rule(version)}


@role_required(Role.PARTICIPANT)
def decision(request: HttpRequest) -> HttpResponse:
    """The decision on the participant's own application, with every reason."""
    user: User = request.user  # type: ignore[assignment]
    programme = _current_programme_or_404()
    current = selectors.current_application(user=user, programme=programme)
    if current is None or current.status == ApplicationStatus.DRAFT:
        return redirect("programmes:application")
    context = _application_context(current)
    context["attachment_form"] = AttachmentForm()
    return render(request, "programmes/decision.html", context)


def _application_context(application: Application, *, officer: bool = False) -> dict[str, Any]:
    events = list(selectors.application_events(application=application))
    officer_events = [e for e in events if e.note and e.actor_id and e.actor_id != application.participant_id]
    return {
        "attachments": list(application.attachments.all()),
        "attachable": application.status in attachments.ATTACHABLE_STATUSES,
        "appeal": appeal_of(application),
        "application": application,
        "programme": application.programme,
        "reasons": explain.explain_reasons(application.decision_reasons, officer=officer),
        "events": events,
        "officer_decision": officer_events[-1] if officer_events else None,
        "education_label": explain.education_label(application.education_level),
        "rule_lines": explain.describe_rule(application.rule_version) if application.rule_version else [],
    }


def appeal_of(application: Application) -> dict[str, Any] | None:
    """How to appeal a refusal (ineligible by the rules, or refused by an officer): the rule in
    force on the day of the decision, with the last day to appeal."""
    if application.status not in (ApplicationStatus.INELIGIBLE, ApplicationStatus.REFUSED):
        return None
    decided = timezone.localdate(application.decided_at) if application.decided_at else timezone.localdate()
    try:
        version, rules = selectors.appeal_rules_on(programme=application.programme, day=decided)
    except selectors.RuleNotInForce:
        return None
    return {
        "version": version,
        "rules": rules,
        "text": explain.appeal_text(rules),
        "deadline": decided + timedelta(days=rules.deadline_days),
    }


@role_required(Role.PARTICIPANT)
@require_POST
def attachment_add(request: HttpRequest) -> HttpResponse:
    """The participant attaches a document to their application (a draft, or one an officer is
    reviewing); back to the page they came from, or that page with the form's error."""
    user: User = request.user  # type: ignore[assignment]
    current = selectors.current_application(user=user, programme=_current_programme_or_404())
    if current is None:
        raise Http404
    back = "programmes:application" if current.status == ApplicationStatus.DRAFT else "programmes:decision"
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attachment_add(
                application_id=current.pk,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=actor_from_request(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The document is attached to your application."))
            return redirect(reverse(back) + "#attachments-title")
    # The refusal next to the field, on the page the form was on, with what else it shows.
    if current.status == ApplicationStatus.DRAFT:
        programme = current.programme
        consents = selectors.active_consents(user=user, programme=programme)
        application_form = ApplicationForm(
            initial=ApplicationForm.initial_from(current), consents_in_force=set(consents)
        )
        return _application_page(
            request, programme, current, application_form, attachment_form=form, status=400
        )
    context = _application_context(current)
    context["attachment_form"] = form
    return render(request, "programmes/decision.html", context, status=400)


@role_required(Role.PARTICIPANT, Role.OFFICER)
def attachment_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    """A document attached to an application: to its participant and to officers (audited)."""
    try:
        attachment = attachments.attachment_open(
            attachment_id=attachment_id, actor=actor_from_request(request)
        )
    except PermissionDenied:
        raise Http404 from None
    return upload_response(
        attachment.file,
        attachment.file_kind,
        filename=upload_name(f"zalacznik-{attachment.pk}", attachment.file_kind),
        as_attachment=True,
    )


@role_required(Role.PARTICIPANT)
@require_POST
def application_reopen(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    current = selectors.current_application(user=user, programme=_current_programme_or_404())
    if current is None:
        raise Http404
    return act(
        request,
        lambda: applications.application_reopen(
            application_id=current.pk, participant=user, actor=actor_from_request(request)
        ),
        success=_("Your application is a draft again: correct it and submit it."),
        done="programmes:application",
        refused="programmes:decision",
        joined=True,
    )


@role_required(Role.PARTICIPANT)
def my_data(request: HttpRequest) -> HttpResponse:
    """What the programme holds about the person, their consents (with withdrawal) and the
    export of their data."""
    user: User = request.user  # type: ignore[assignment]
    programme = selectors.programme_current()
    active = selectors.active_consents(user=user, programme=programme) if programme else {}
    consent_rows = [
        {
            "kind": kind.value,
            "label": kind.label,
            "text": CONSENT_TEXTS[kind],
            "consent": active.get(kind.value),
        }
        for kind in ConsentKind
    ]
    return render(
        request,
        "programmes/my_data.html",
        {
            "programme": programme,
            "profile": ParticipantProfile.objects.filter(user=user).first(),
            "consent_rows": consent_rows,
            "history": selectors.consent_history(user=user),
            "account_consents": user.consents.order_by("-given_at"),
            "application": selectors.current_application(user=user, programme=programme)
            if programme
            else None,
        },
    )


@role_required(Role.PARTICIPANT)
@require_POST
def consent_withdraw(request: HttpRequest, kind: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if kind not in ConsentKind.values:
        raise Http404
    programme = _current_programme_or_404()
    return act(
        request,
        lambda: consents.consent_withdraw(
            user=user, programme=programme, kind=kind, actor=actor_from_request(request)
        ),
        success=_("Your consent has been withdrawn. Your application has been withdrawn with it.")
        if kind == ConsentKind.PROCESSING
        else _("Your consent has been withdrawn."),
        done="programmes:my_data",
        joined=True,
    )


@role_required(Role.PARTICIPANT)
@require_POST
def consent_give(request: HttpRequest, kind: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if kind not in ConsentKind.values:
        raise Http404
    consents.consent_give(
        user=user, programme=_current_programme_or_404(), kind=kind, actor=actor_from_request(request)
    )
    messages.success(request, _("Thank you: your consent has been recorded."))
    return redirect("programmes:my_data")


@never_cache
@role_required(Role.PARTICIPANT)
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The person's data as a download. It holds the full PESEL: never cached, only to its owner."""
    if file_format not in ("json", "pdf"):
        raise Http404
    user: User = request.user  # type: ignore[assignment]
    content = participant_data_export(user=user, file_format=file_format, actor=actor_from_request(request))
    content_type = "application/json; charset=utf-8" if file_format == "json" else "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kierunek-moje-dane-{stamp}.{file_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- officer ----------------------------------------------------------------------------------

OFFICER_FILTERS = [
    ApplicationStatus.MANUAL_REVIEW,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REFUSED,
    ApplicationStatus.WITHDRAWN,
]


@role_required(Role.OFFICER)
def officer_applications(request: HttpRequest) -> HttpResponse:
    """Applications by status; the review queue (manual review) first."""
    status = request.GET.get("status", ApplicationStatus.MANUAL_REVIEW)
    if status not in {*OFFICER_FILTERS, "all"}:
        status = ApplicationStatus.MANUAL_REVIEW
    applications = selectors.applications_for_officer(status=None if status == "all" else status)
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    participants_list_read(
        actor=actor_from_request(request),
        participant_ids=[a.participant_id for a in page.object_list],
        list_name="programmes.officer_applications",
    )
    statuses = [(s.value, s.label) for s in OFFICER_FILTERS] + [("all", _("all"))]
    return render(
        request,
        "programmes/officer_applications.html",
        {"page": page, "status": status, "statuses": statuses},
    )


@role_required(Role.OFFICER)
def officer_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application, with the review form while it waits for review. Each view is recorded
    in the audit log as a read of the participant's file."""
    form = ReviewForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: applications.application_review(
            application_id=application_id,
            actor=actor_from_request(request),
            accept=data["decision"] == ApplicationStatus.ACCEPTED,
            reason=data["reason"],
        ),
        success=_("The decision has been saved and the participant informed."),
        done=reverse("programmes:officer_application", kwargs={"application_id": application_id}),
    )
    if done is not None:
        return done
    try:
        current = applications.application_file_read(
            application_id=application_id, actor=actor_from_request(request)
        )
    except Application.DoesNotExist:
        raise Http404 from None
    context = _application_context(current, officer=True)
    context.update({"form": form, "profile": getattr(current.participant, "participant_profile", None)})
    return render(request, "programmes/officer_application.html", context, status=400 if form.errors else 200)


@role_required(Role.OFFICER)
def officer_programmes(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.order_by("-starts_on")
    return render(request, "programmes/officer_programmes.html", {"programmes": programmes})


@role_required(Role.OFFICER)
def officer_rules(request: HttpRequest, programme_id: int) -> HttpResponse:
    """A programme's rules: every dated version with the decision that set it, the one in force
    today marked."""
    programme = get_object_or_404(Programme, pk=programme_id)
    today = timezone.localdate()
    rules = []
    for key, versions in selectors.rule_versions_of(programme=programme).items():
        in_force = next((v for v in versions if v.valid_from <= today), None)
        rules.append(
            {
                "key": key,
                "label": RuleKey(key).label,
                "versions": [
                    {
                        "version": v,
                        "lines": explain.describe_rule(v),
                        "in_force": v == in_force,
                        "future": v.valid_from > today,
                    }
                    for v in versions
                ],
            }
        )
    packages: list[tuple[Any, int | None]]
    try:
        packages = list(selectors.package_values_on(programme=programme, day=today))
    except selectors.RuleNotInForce:
        packages = [(p, None) for p in selectors.packages_of(programme=programme)]
    return render(
        request,
        "programmes/officer_rules.html",
        {"programme": programme, "rules": rules, "packages": packages, "today": today},
    )
