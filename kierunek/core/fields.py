"""Model fields: personal data encrypted at rest, and the key of a database view's row."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

from . import pii


class EncryptedTextField(models.TextField):
    """Text encrypted at rest with :func:`kierunek.core.pii.encrypt`.

    Python code sees the plaintext; the database column holds only a Fernet token, different on
    every save. So the column cannot be filtered, ordered meaningfully or made unique: every lookup
    except ``isnull`` is refused (``FieldError: Unsupported lookup ...``) instead of silently never
    matching. To find a row by the value, store a keyed hash next to it (for a PESEL,
    :func:`kierunek.core.pii.pesel_lookup_hash` in an indexed, unique column) and filter on that.

    ``None`` stays ``None`` (NULL); the empty string is encrypted like any other text.
    ``to_python`` (forms, fixtures, ``dumpdata``) deals in plaintext and never decrypts; only
    ``from_db_value`` does.
    """

    description = "Text encrypted at rest"
    _ALLOWED_LOOKUPS = frozenset({"isnull"})

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return pii.encrypt(str(value))

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        return pii.decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in self._ALLOWED_LOOKUPS:
            return None
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        for option in ("primary_key", "unique", "db_index"):
            if getattr(self, option, False):
                errors.append(
                    checks.Error(
                        f"EncryptedTextField cannot use {option}=True: its ciphertext differs on every "
                        "save, so the database cannot compare values.",
                        hint="Index or make unique a keyed hash of the value (see kierunek.core.pii).",
                        obj=self,
                        id="kierunek.E001",
                    )
                )
        return errors


def view_key(to: str, related_name: str) -> models.OneToOneField:
    """The key of the rows of a database view (an unmanaged model), each about one row of ``to``:
    read only and with no constraint (a view has none), and the name ``to`` reaches its row by, so
    that a query joins the view once."""
    return models.OneToOneField(
        to, primary_key=True, on_delete=models.DO_NOTHING, related_name=related_name, db_constraint=False
    )
