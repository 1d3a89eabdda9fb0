"""A group's products: documents with versions. The group's leader or secretary (or the office)
starts a product with its first version, adds versions while it is a draft and submits it; the
office returns it with a comment, approves it and publishes it. Only a draft takes a new version,
so the version approved is the one the public reads."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.core.uploads import validate_upload
from kierunek.providers.selectors import active_officers

from .. import domain_bodies as rules
from ..audit_actions_bodies import PRODUCT_CREATED, PRODUCT_VERSION_ADDED
from ..models_bodies import Product, ProductVersion
from ..workflows_bodies import PRODUCT
from .bodies_common import locked_body, require_keeper
from .common import text

COMMENT_MAX = 3000


def _version(product: Product, upload: UploadedFile, note: str, actor: Actor) -> ProductVersion:
    kind = validate_upload(upload, kinds=("pdf",), max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    number = (product.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return ProductVersion.objects.create(
        product=product, number=number, file=upload, file_kind=kind, note=note, uploaded_by=actor.user
    )


def product_create(
    *, actor: Actor, body_id: int, title: str, summary: str, upload: UploadedFile, note: str = ""
) -> Product:
    """Start a product of a group with its first version (a PDF)."""
    require_keeper(actor, body_id)
    title = text(title, "title", 200)
    summary = text(summary, "summary", 3000)
    note = text(note, "note", 500, required=False)
    with transaction.atomic():
        body = locked_body(body_id)
        if not body.is_group:
            raise ValidationError(_("Products belong to task and working groups."))
        product = Product.objects.create(body=body, title=title, summary=summary, created_by=actor.user)
        version = _version(product, upload, note, actor)
        audit_record(action=PRODUCT_CREATED, actor=actor, obj=product, details={"version": version.number})
    return product


def _keeper_of(actor: Actor, product_id: int) -> None:
    body_id = Product.objects.values_list("body_id", flat=True).get(pk=product_id)
    require_keeper(actor, body_id)


def product_version_add(
    *, actor: Actor, product_id: int, upload: UploadedFile, note: str = ""
) -> ProductVersion:
    """A new version of a draft product (numbered on, under the product's lock)."""
    _keeper_of(actor, product_id)
    note = text(note, "note", 500, required=False)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        if product.status not in rules.EDITABLE:
            raise ValidationError(_("Only a draft takes a new version."))
        version = _version(product, upload, note, actor)
        audit_record(
            action=PRODUCT_VERSION_ADDED, actor=actor, obj=product, details={"version": version.number}
        )
    return version


def product_submit(*, actor: Actor, product_id: int) -> Product:
    """Send the product to the office for review; the officers are told."""
    _keeper_of(actor, product_id)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        product.submitted_at = timezone.now()
        PRODUCT.apply(product, "submit", actor=actor, fields=["submitted_at"])
        notify(
            recipients=active_officers(),
            subject=gettext_noop("A group's product to review"),
            template="partnership/email/product_submitted.txt",
            context={"product": product},
        )
    return product


def product_review(*, actor: Actor, product_id: int, approve: bool, comment: str = "") -> Product:
    """An officer approves the product, or returns it to the group with a comment."""
    require_role(actor.user, Role.OFFICER)
    comment = text(comment, "comment", COMMENT_MAX, required=not approve)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        product.review_comment = comment
        fields = ["review_comment"]
        if approve:
            product.approved_at = timezone.now()
            fields.append("approved_at")
        PRODUCT.apply(
            product, "approve" if approve else "return_for_changes", actor=actor, note=comment, fields=fields
        )
    return product


def product_publish(*, actor: Actor, product_id: int) -> Product:
    """An officer publishes an approved product: on the group's page and in the partnership's
    library of products."""
    require_role(actor.user, Role.OFFICER)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        product.published_at = timezone.now()
        PRODUCT.apply(product, "publish", actor=actor, fields=["published_at"])
    return product
