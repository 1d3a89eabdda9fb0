"""A news item announced to the newsletter: at its first publication, the subscribers of its
section's topic get an issue with the summary and the link, composed and sent through the
newsletter's own services (its consent, audience and sending rules apply). The issue is sent in
the name of the officer who published the item, or who approved it or scheduled it; a news item
published by nobody of the office (which the permissions do not allow) is not announced."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import site_link
from kierunek.newsletter import services as newsletter_services

from ..audit_actions import NEWS_ANNOUNCED
from ..models import NewsAnnouncement, NewsPage

logger = logging.getLogger(__name__)


def _officer(*users: Any) -> Any:
    return next((u for u in users if u is not None and getattr(u, "role", None) == Role.OFFICER), None)


@transaction.atomic
def news_announce(*, page: NewsPage, published_by: Any = None) -> NewsAnnouncement | None:
    """Announce ``page`` to its section's topic once; ``None`` when it was announced already,
    its section has no topic, or no officer stands behind its publication."""
    if NewsAnnouncement.objects.filter(page_id=page.pk).exists():
        return None
    section = page.section
    topic_id = getattr(section, "newsletter_topic_id", None)
    if topic_id is None:
        return None
    revision = page.live_revision
    officer = _officer(published_by, getattr(revision, "user", None))
    if officer is None:
        logger.warning("News item %s published without an officer: not announced.", page.pk)
        return None
    actor = Actor.of(officer)
    with override("pl"):
        body = "\n\n".join(
            [
                page.summary,
                _("Read the whole news item: %(link)s") % {"link": site_link(page.get_url_parts()[2])},
            ]
        )
    issue = newsletter_services.issue_save(
        actor=actor,
        data=newsletter_services.IssueData(subject=page.title, body=body, audience="", topic_ids=[topic_id]),
    )
    newsletter_services.issue_send(actor=actor, issue_id=issue.pk)
    announcement = NewsAnnouncement.objects.create(page_id=page.pk, issue=issue)
    audit_record(
        action=NEWS_ANNOUNCED, actor=actor, obj=issue, details={"page": page.pk, "title": page.title}
    )
    return announcement
