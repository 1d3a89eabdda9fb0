"""What every context's pages do after a button is pressed: call a service, show its refusal (or a
success message) as a flash message on the next page, and redirect.

The one place for the pattern "try the service, flash its ValidationError's messages or a success
message, redirect" (:func:`act`), and for a form page's "when the form is valid, try the service,
show its refusal on the form or flash a success message and redirect" (:func:`submit`, or
:func:`form_saved` where the page decides itself where to go).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import form_add_service_errors
from .models import BackgroundJob, JobStatus

T = TypeVar("T")

# What a page shows as a refusal instead of an error page (a TransitionRefused is a ValidationError).
REFUSALS: tuple[type[Exception], ...] = (ValidationError,)
REFUSALS_AND_DENIALS: tuple[type[Exception], ...] = (ValidationError, PermissionDenied)


def refusal_messages(error: Exception) -> list[str]:
    """The messages of a service's refusal: a ValidationError's messages, or a PermissionDenied's
    text (a general one when it has none)."""
    if isinstance(error, ValidationError):
        return [str(m) for m in error.messages]
    return [str(error) or _("You may not do this.")]


def flash_refusal(request: HttpRequest, error: Exception, *, joined: bool = False) -> None:
    """A service's refusal, shown as error messages on the next page (one message when
    ``joined``)."""
    texts = refusal_messages(error)
    for message in [" ".join(texts)] if joined else texts:
        messages.error(request, message)


def form_add_refusal(form: forms.BaseForm, error: Exception) -> None:
    """A service's refusal on the form: a ValidationError field by field, a PermissionDenied (or
    another refusal) at the top."""
    if isinstance(error, ValidationError):
        form_add_service_errors(form, error)
    else:
        for message in refusal_messages(error):
            form.add_error(None, message)


# The field a confirmation page adds to the repeated POST (:func:`confirm_first`).
CONFIRMED = "confirmed"


View = Callable[..., HttpResponse]


def post_or_back(back: Callable[..., str]) -> Callable[[View], View]:
    """A button's URL (a POST, often with a confirm step) opened by GET - a reload of the confirm
    page, a bookmark - is not an empty 405 but a redirect to ``back(request, **url_kwargs)``: the
    page the button is on. Other methods than GET/HEAD/POST are refused (405)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(back(request, **kwargs))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def confirm_first(
    request: HttpRequest,
    *,
    question: str,
    consequences: tuple[str, ...] | list[str] = (),
    confirm_label: str,
    back: str,
    shown: dict[str, str] | None = None,
) -> HttpResponse | None:
    """A destructive or money action asks first, without any script: a POST that lacks the
    ``confirmed`` field is not done but answered with a page that says what will happen
    (``question``, ``consequences``, and the values of the posted fields named in ``shown``, by
    their labels), and posts the same fields again with ``confirmed=yes`` ("``confirm_label``"),
    or goes ``back``. None when the POST is confirmed: the view then does the action."""
    if request.POST.get(CONFIRMED) == "yes":
        return None
    kept = [
        (name, value)
        for name in request.POST
        if name not in {"csrfmiddlewaretoken", CONFIRMED}
        for value in request.POST.getlist(name)
    ]
    kept_text = [(label, request.POST.get(name, "")) for name, label in (shown or {}).items()]
    return render(
        request,
        "core/confirm.html",
        {
            "question": question,
            "consequences": list(consequences),
            "confirm_label": confirm_label,
            "back": back,
            "action": request.get_full_path(),
            "kept": kept,
            "kept_text": [(label, value) for label, value in kept_text if value],
            "confirmed_field": CONFIRMED,
        },
    )


def act(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    done: str | Callable[[T], str],
    refused: str | None = None,
    refusals: tuple[type[Exception], ...] = REFUSALS,
    joined: bool = False,
) -> HttpResponse:
    """Run ``action`` (a service call) and redirect.

    Done: flash ``success`` and redirect to ``done``. Refused (one of ``refusals``): flash the
    refusal's messages (in one message when ``joined``) and redirect to ``refused`` (``done`` when
    not given). An object that does
    not exist is a 404. ``done`` and ``success`` may be callables of the action's result; ``done``
    (and ``refused``) is a URL name without arguments or a URL.
    """
    try:
        result = action()
    except ObjectDoesNotExist:
        raise Http404 from None
    except refusals as error:
        flash_refusal(request, error, joined=joined)
        if refused is None:
            if callable(done):
                raise TypeError("act(): give `refused` when `done` depends on the result") from error
            refused = done
        return redirect(refused)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(done(result) if callable(done) else done)


def form_saved(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None = None,
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> tuple[bool, T | None]:
    """When ``form`` is bound and valid, run ``action(form.cleaned_data)``.

    Done: flash ``success`` (none when None) and return ``(True, result)``. Otherwise (an unbound
    or invalid form, or one of the service's ``refusals``, shown on the form by
    :func:`form_add_refusal`) return ``(False, None)``. An object that does not exist is a 404.
    """
    if not form.is_valid():
        return False, None
    try:
        result = action(form.cleaned_data)
    except ObjectDoesNotExist:
        raise Http404 from None
    except refusals as error:
        form_add_refusal(form, error)
        return False, None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return True, result


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None,
    done: str | Callable[[T], str],
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> HttpResponse | None:
    """A form page's POST: :func:`form_saved`, then the redirect to ``done``; None when the page
    is to be rendered (a GET, or the form not saved)."""
    if request.method != "POST":
        return None
    saved, result = form_saved(request, form, action, refusals=refusals)
    if not saved:
        return None
    done_result = cast(T, result)
    if success is not None:
        messages.success(request, success(done_result) if callable(success) else success)
    return redirect(done(done_result) if callable(done) else done)


def job_followed(request: HttpRequest, job: BackgroundJob) -> HttpResponse:
    """Where a page sends the person after starting a background job (``core.jobs.job_start``):
    to the result, with the job's message, when the job already ended well (a fast worker, or
    tests and ``make run``, which run jobs at once); else to the job's progress page."""
    job.refresh_from_db()
    if job.status == JobStatus.DONE and job.result_url:
        messages.success(request, job.message)
        return redirect(job.result_url)
    return redirect("core:job", job.pk)
