"""The lifecycle of a group's product as a table, and the review through the services: the group's
leader (partner staff) adds versions to a draft and submits it; the office returns it with a
comment, approves it and publishes it; nobody else of the roles can, and a product past draft
takes no new version."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.workflow import TransitionRefused
from kierunek.partnership import selectors_bodies, services
from kierunek.partnership.models import ProductStatus
from kierunek.partnership.workflows import PRODUCT

from . import bodies_builders as bb
from . import builders as b

S = ProductStatus
ALLOWED = {
    (S.DRAFT, "submit"): S.IN_REVIEW,
    (S.IN_REVIEW, "return_for_changes"): S.DRAFT,
    (S.IN_REVIEW, "approve"): S.APPROVED,
    (S.APPROVED, "publish"): S.PUBLISHED,
}
ROLES_OF = {
    "submit": {Role.PARTNER_STAFF, Role.OFFICER},
    "return_for_changes": {Role.OFFICER},
    "approve": {Role.OFFICER},
    "publish": {Role.OFFICER},
}


def test_the_table_names_every_transition():
    assert set(PRODUCT.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), [(s, n) for s in S.values for n in ROLES_OF])
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert PRODUCT.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            PRODUCT.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_returned_with_a_comment_new_version_approved_and_published_with_history_and_mail(
    django_capture_on_commit_callbacks,
):
    group, leader = bb.led_group()
    actor = Actor.of(leader)
    product = bb.product(group, actor)
    office = bb.office()
    with django_capture_on_commit_callbacks(execute=True):
        services.product_submit(actor=actor, product_id=product.pk)
        services.product_review(
            actor=office, product_id=product.pk, approve=False, comment="Proszę dodać wskaźniki."
        )
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert any("Proszę dodać wskaźniki." in m.body for m in mail.outbox if m.to == [leader.email])
    assert selectors_bodies.published_products(partnership=b.mpku()) == []

    version = services.product_version_add(
        actor=actor, product_id=product.pk, upload=bb.pdf(), note="Wskaźniki"
    )
    assert version.number == 2
    services.product_submit(actor=actor, product_id=product.pk)
    with pytest.raises(ValidationError):  # in review: no new version
        services.product_version_add(actor=actor, product_id=product.pk, upload=bb.pdf())
    services.product_review(actor=office, product_id=product.pk, approve=True)
    services.product_publish(actor=office, product_id=product.pk)
    product.refresh_from_db()

    assert product.status == S.PUBLISHED
    assert product.published_at
    assert product.approved_at
    assert [(e.status_from, e.status_to) for e in product.events.all()] == [
        (S.DRAFT, S.IN_REVIEW),
        (S.IN_REVIEW, S.DRAFT),
        (S.DRAFT, S.IN_REVIEW),
        (S.IN_REVIEW, S.APPROVED),
        (S.APPROVED, S.PUBLISHED),
    ]
    assert selectors_bodies.published_products(partnership=b.mpku()) == [product]
    assert selectors_bodies.latest_version(product).number == 2


@pytest.mark.django_db
def test_a_return_needs_a_comment_and_only_the_office_reviews_and_publishes():
    group, leader = bb.led_group()
    product = bb.product(group, Actor.of(leader))
    services.product_submit(actor=Actor.of(leader), product_id=product.pk)
    with pytest.raises(ValidationError):
        services.product_review(actor=bb.office(), product_id=product.pk, approve=False, comment=" ")
    with pytest.raises(PermissionDenied):
        services.product_review(actor=Actor.of(leader), product_id=product.pk, approve=True)
    services.product_review(actor=bb.office(), product_id=product.pk, approve=True)
    with pytest.raises(PermissionDenied):
        services.product_publish(actor=Actor.of(leader), product_id=product.pk)
    product.refresh_from_db()
    assert product.status == S.APPROVED


@pytest.mark.django_db
def test_partner_staff_who_do_not_lead_the_group_neither_start_nor_submit_its_products():
    group, leader = bb.led_group()
    product = bb.product(group, Actor.of(leader))
    institution = group.members.get().institution
    member = b.staff_of(institution)  # same institution, an ordinary member of the group
    bb.seat(group, institution, email=member.email, first_name="Piotr")
    stranger = b.staff_of(b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG))
    for person in (member, stranger):
        with pytest.raises(PermissionDenied):
            services.product_submit(actor=Actor.of(person), product_id=product.pk)
        with pytest.raises(PermissionDenied):
            bb.product(group, Actor.of(person))
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert group.products.count() == 1


@pytest.mark.django_db
def test_a_council_has_no_products_and_a_product_needs_a_pdf():
    council = bb.council()
    with pytest.raises(ValidationError):
        bb.product(council, bb.office())
    group = bb.group()
    with pytest.raises(ValidationError):
        services.product_create(
            actor=bb.office(),
            body_id=group.pk,
            title="T",
            summary="S",
            upload=SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf"),
        )
    assert group.products.count() == 0
