"""What the quality-mark pages share: how a refusal is shown, marking a corrective action done,
the provider of the person asking, the label of a case's state."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.pages import REFUSALS_AND_DENIALS as Refusal
from kierunek.core.pages import act
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.models import Provider

from .. import selectors as qs
from ..domain import CaseState
from ..models import STATE_LABELS, CorrectiveAction, QualityMarkCase
from ..services import monitoring


def corrective_action_done(
    request: HttpRequest, action_id: int, *, success: str, done: Callable[[CorrectiveAction], str]
) -> HttpResponse:
    """Mark a corrective action the person may see as done (provider's staff or an officer)."""
    action = qs.corrective_action_for(user=request_user(request), action_id=action_id)
    if action is None:
        raise Http404
    return act(
        request,
        lambda: monitoring.corrective_action_complete(action=action, actor=actor_from_request(request)),
        success=success,
        done=done(action),
        refusals=Refusal,
    )


def my_provider(request: HttpRequest) -> Provider:
    provider = provider_selectors.provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def state_label(case: QualityMarkCase | None) -> object:
    return STATE_LABELS[CaseState(case.state)] if case is not None else None
