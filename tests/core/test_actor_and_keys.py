import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from kierunek.core.actor import SYSTEM, Actor, actor_from_request, request_user
from kierunek.core.idempotency import IdempotencyKey, IdempotencyKeyField
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_actor_of_a_page_is_the_user_and_the_address():
    user = UserFactory()
    request = RequestFactory().post("/", REMOTE_ADDR="10.9.8.7")
    request.user = user

    assert actor_from_request(request) == Actor(user=user, ip_address="10.9.8.7")
    assert actor_from_request(request).role == user.role


def test_the_api_user_comes_first_and_nobody_is_an_anonymous_actor():
    token_user, session_user = UserFactory(), UserFactory()
    request = RequestFactory().get("/")
    request.user = session_user
    request.auth = token_user
    assert request_user(request) == token_user

    anonymous = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    anonymous.user = AnonymousUser()
    assert actor_from_request(anonymous) == Actor(user=None, ip_address="10.0.0.1")
    assert SYSTEM.is_system
    assert Actor.of(AnonymousUser()).is_system


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("book-0123456789abcdef", True),
        ("A" * 16, True),
        ("a_b-c" * 20, True),  # 100 characters
        ("a" * 101, False),
        ("short", False),
        ("with space 123456789", False),
        ("zażółć-0123456789ab", False),
        ("", False),
        (None, False),
    ],
)
def test_one_rule_for_every_key(value, valid):
    user = UserFactory()
    if valid:
        assert IdempotencyKey.parse(value, user=user).value == value
        form_field = IdempotencyKeyField()
        assert form_field.clean(value) == value
    else:
        with pytest.raises(ValidationError):
            IdempotencyKey.parse(value, user=user)


def test_keys_are_namespaced_by_their_user_and_the_header_wins():
    alice, bob = UserFactory(), UserFactory()
    value = "retry-0123456789abcdef"
    assert str(IdempotencyKey.parse(value, user=alice)) != str(IdempotencyKey.parse(value, user=bob))

    request = RequestFactory().post("/", HTTP_IDEMPOTENCY_KEY="header-0123456789abcdef")
    request.user = alice
    key = IdempotencyKey.from_request(request, "field-0123456789abcdef")
    assert (key.value, key.user_id) == ("header-0123456789abcdef", alice.pk)
