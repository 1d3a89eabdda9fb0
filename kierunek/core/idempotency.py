"""The one idempotency-key rule, for pages and the API alike.

A client names each write it may retry with a key (the ``Idempotency-Key`` header, or the
``idempotency_key`` field of a form or a JSON body): 16 to 100 letters, digits, ``-`` or ``_``.
The key is stored namespaced by the user who sent it, so two people who happen to choose the same
key never meet each other's result, and a retry by the same person answers with the first one."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

KEY_HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[A-Za-z0-9_-]{16,100}$"
_KEY_RE = re.compile(KEY_PATTERN)
KEY_MESSAGE = _(
    "Give an idempotency key of 16 to 100 letters, digits, - or _ (the Idempotency-Key header or "
    "the idempotency_key field)."
)


@dataclass(frozen=True)
class IdempotencyKey:
    """A client's key for one write, and the user it belongs to. ``str(key)`` is what is stored."""

    value: str
    user_id: int | None

    def __str__(self) -> str:
        return f"u{self.user_id}:{self.value}" if self.user_id is not None else f"system:{self.value}"

    @classmethod
    def parse(cls, value: str | None, *, user: Any) -> IdempotencyKey:
        """The key ``value`` of ``user``, or ``ValidationError`` with the rule in words."""
        value = (value or "").strip()
        if not _KEY_RE.fullmatch(value):
            raise ValidationError(KEY_MESSAGE, code="idempotency_key")
        return cls(value=value, user_id=getattr(user, "pk", None))

    @classmethod
    def from_request(
        cls, request: HttpRequest, field: str | None = None, *, user: Any = None
    ) -> IdempotencyKey:
        """The header first, then ``field`` (a form's or a body's ``idempotency_key``)."""
        if user is None:
            user = getattr(request, "auth", None) or request.user
        return cls.parse(request.headers.get(KEY_HEADER) or field, user=user)


def new_key_value(prefix: str) -> str:
    """A fresh key for a form to carry, so that sending the same form twice does the write once."""
    return f"{prefix}-{uuid.uuid4().hex}"


class IdempotencyKeyField(forms.RegexField):
    """A form's hidden key field with the one rule."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("error_messages", {"invalid": KEY_MESSAGE, "required": KEY_MESSAGE})
        super().__init__(regex=KEY_PATTERN, **kwargs)
