"""What the quality-mark pages share: how a refusal is shown, the provider of the person asking,
the label of a case's state."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from kierunek.core.actor import request_user
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider

from ..domain import CaseState
from ..models import STATE_LABELS, QualityMarkCase

Refusal = (ValidationError, PermissionDenied)  # a TransitionRefused is a ValidationError
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}


def messages_of(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return [str(m) for m in error.messages]
    return [str(error) or _("You may not do this.")]


def add_errors(form: forms.Form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in messages_of(error):
            form.add_error(None, message)


def my_provider(request: HttpRequest) -> Provider:
    provider = provider_selectors.provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def state_label(case: QualityMarkCase | None) -> object:
    return STATE_LABELS[CaseState(case.state)] if case is not None else None
