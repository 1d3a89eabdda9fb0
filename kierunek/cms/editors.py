"""Who edits which part of the portal. The project's ``role`` is the first gate (only the roles in
:data:`EDITOR_ROLES` enter the CMS admin, :mod:`kierunek.cms.middleware`); inside, Wagtail's groups
give page-tree and collection permissions per section:

- the office's editors (officers) add, change and publish anywhere, and are the moderators;
- each partnership's editors (partner staff; the Metropolis' staff for the Forum Edukacji) add and
  change pages of their own section only, and submit them to the moderation workflow: they cannot
  publish (no ``publish`` permission), and a page of their section goes to the office's approval.

:func:`editors_setup` builds the groups, collections and the workflow for a page tree (the demo and
the tests call it); :func:`editor_join` puts a person into a section's editors."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from kierunek.accounts.models import Role

ADMIN_PREFIX = "/cms-admin/"
EDITOR_ROLES = frozenset({Role.OFFICER, Role.PARTNER_STAFF, Role.ADMINISTRATOR, Role.METROPOLIS_STAFF})
OFFICE_GROUP = "Redakcja biura programu"
WORKFLOW_NAME = "Moderacja przed publikacją"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    editor_role: str | None  # partner editors' role; None: the office's own section
    group: str


SECTIONS = (
    Section("program", "Portal programu Kierunek", None, OFFICE_GROUP),
    Section(
        "mpku",
        "Małopolskie Partnerstwo na rzecz Kształcenia Ustawicznego",
        Role.PARTNER_STAFF,
        "Redakcja: MPKU",
    ),
    Section(
        "inwestorzy",
        "Partnerstwo dla inwestorów i outplacementu",
        Role.PARTNER_STAFF,
        "Redakcja: partnerstwo inwestorów",
    ),
    Section(
        "forum-edukacji",
        "Forum Edukacji Metropolii Krakowskiej",
        Role.METROPOLIS_STAFF,
        "Redakcja: Forum Edukacji",
    ),
)


def section_of(slug: str) -> Section:
    return next(s for s in SECTIONS if s.slug == slug)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _media_permissions(group: Group, collection: Collection) -> None:
    # Wagtail checks the portal's images (cms.CmsImage) against the permissions of its own image
    # model (the images' permission policy's auth model), so those are the ones given here.
    for app_label, codenames in (
        ("wagtailimages", ("add_image", "change_image", "choose_image")),
        ("wagtaildocs", ("add_document", "change_document", "choose_document")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )


def _page_permissions(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


@transaction.atomic
def editors_setup(*, root: Page, sections: dict[str, Page]) -> Workflow:
    """The groups, collections and moderation workflow of the page tree under ``root``, whose
    section pages are ``sections`` by slug. Idempotent."""
    access = _permission("wagtailadmin", "access_admin")
    office, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    office.permissions.add(access)
    _page_permissions(office, root, ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"))
    root_collection = Collection.get_first_root_node()
    _media_permissions(office, root_collection)
    task = GroupApprovalTask.objects.filter(name=_("Approval by the office")).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=_("Approval by the office"))
    task.groups.set([office])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for section in SECTIONS:
        page = sections[section.slug]
        if section.editor_role is None:
            continue
        group, _created = Group.objects.get_or_create(name=section.group)
        group.permissions.add(access)
        _page_permissions(group, page, ("add_page", "change_page"))
        collection = root_collection.get_children().filter(name=section.title).first()
        if collection is None:
            collection = root_collection.add_child(name=section.title)
        _media_permissions(group, collection)
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def editor_join(*, user: object, section_slug: str) -> None:
    """Make ``user`` an editor of a section: an officer of the office's, a partner's person of
    their partnership's. Refused for a role that may not edit that section."""
    section = section_of(section_slug)
    role = getattr(user, "role", None)
    allowed = {Role.OFFICER} if section.editor_role is None else {section.editor_role}
    if role not in allowed:
        raise ValidationError(_("This role cannot edit this section of the portal."))
    user.groups.add(Group.objects.get(name=section.group))  # type: ignore[attr-defined]
