"""The partnership in a person's data export: the institution a partner-staff account works for,
the good practices they wrote (authored content, with the office's comments and the history) and
the files they added, the directory entries they added or last changed, and where their e-mail is
given as an institution's or an entry's contact. Officers who reviewed are shown by role only."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, roles_of

from .models import (
    DirectoryEntry,
    GoodPractice,
    Institution,
    InstitutionStaff,
    PracticeAttachment,
    PracticeStatus,
)


def partnership_of(*, user: User) -> dict[str, Any]:
    link = InstitutionStaff.objects.select_related("institution").filter(user=user).first()
    practices = list(
        GoodPractice.objects.filter(author=user)
        .prefetch_related("tags", "events")
        .order_by("created_at", "pk")
    )
    roles = roles_of(e.actor_id for p in practices for e in p.events.all())
    entries = DirectoryEntry.objects.filter(Q(created_by=user) | Q(updated_by=user)).order_by("pk")
    contact_of = Institution.objects.filter(email__iexact=user.email).order_by("pk")
    entry_contacts = DirectoryEntry.objects.filter(contact_email__iexact=user.email).order_by("pk")
    return {
        "institution": {"name": link.institution.name, "linked_at": link.linked_at.isoformat()}
        if link
        else None,
        "practices": [
            {
                **field_values(
                    p, "title", "summary", "description", "status", "created_at", "review_comment"
                ),
                "tags": [tag.name for tag in p.tags.all()],
                "history": [
                    {
                        "from": e.status_from,
                        "to": e.status_to,
                        "at": e.occurred_at.isoformat(),
                        "by": actor_of(e.actor_id, user=user, roles=roles),
                        "note": e.note,
                    }
                    for e in p.events.all()
                ],
            }
            for p in practices
        ],
        "attachments": [
            {"name": a.name, "uploaded_at": a.uploaded_at.isoformat()}
            for a in PracticeAttachment.objects.filter(uploaded_by=user).order_by("pk")
        ],
        "entries": [field_values(e, "title", "created_at", "updated_at") for e in entries],
        "contact_of": [
            *({"name": i.name, "contact_name": i.contact_name} for i in contact_of),
            *({"name": e.title, "contact_name": e.contact_name} for e in entry_contacts),
        ],
    }


def partnership_rows(*, user: User) -> list[Model]:
    return [*GoodPractice.objects.filter(author=user), *InstitutionStaff.objects.filter(user=user)]


def personal_data_register() -> None:
    """Called from ``PartnershipConfig.ready()``."""
    statuses = dict(PracticeStatus.choices)
    personal_data.register(
        "partnership",
        title=_("Partnership"),
        collect=partnership_of,
        models=[
            "partnership.GoodPractice",
            "partnership.InstitutionStaff",
            "partnership.PracticeEvent",
            "partnership.PracticeAttachment",
            "partnership.DirectoryEntry",
        ],
        labels={
            "institution": _("Institution you work for"),
            "practices": _("Good practices you wrote"),
            "attachments": _("Files you added"),
            "entries": _("Directory entries you added or changed"),
            "contact_of": _("Where you are given as the contact"),
            "tags": _("Tags"),
            "linked_at": _("Linked"),
            "contact_name": _("Contact person"),
        },
        choices={"from": statuses, "to": statuses, "status": statuses},
        order=80,
    )
    personal_data.register_owned_rows(partnership_rows)
    from .personal_data_bodies import personal_data_bodies_register  # bodies and groups (decision 0020)

    personal_data_bodies_register()
