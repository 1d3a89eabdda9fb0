"""Dashboard blocks of the programmes context: ``{% load programmes %}``, then
``{% participant_application_block %}`` or ``{% officer_applications_block %}``. The dashboards
belong to accounts; these tags let them show the application without a dependency on this app's
models in their view."""

from typing import Any

from django import template

from kierunek.programmes import selectors

register = template.Library()


@register.inclusion_tag("programmes/_dashboard_participant.html", takes_context=True)
def participant_application_block(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    programme = selectors.programme_current()
    application = selectors.current_application(user=user, programme=programme) if programme else None
    return {"programme": programme, "application": application}


@register.inclusion_tag("programmes/_dashboard_officer.html")
def officer_applications_block() -> dict[str, Any]:
    return {"to_review": selectors.review_queue_count()}
