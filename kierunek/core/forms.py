from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .collation import polish_key
from .validators import validate_plain_text


def form_add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form it came from: each field's messages under
    that field, the rest (and fields the form does not have) at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PlainTextForm(forms.Form):
    """The base of every form of the project: its text fields take only text a person could type
    (:func:`kierunek.core.validators.validate_plain_text`: no control characters but tab and line
    breaks), so pasted junk or a crafted request is a field error with the input kept, never a
    500 or a row PostgreSQL refuses. Passwords are left as they are typed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
                and validate_plain_text not in field.validators
            ):
                field.validators.append(validate_plain_text)


class PolishOrderChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices of a model select in Polish alphabetical order of their labels
    (:mod:`kierunek.core.collation`), whatever the database's collation; the empty choice first."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        objects: Iterable[Any] = queryset if queryset._prefetch_related_lookups else queryset.iterator()  # type: ignore[attr-defined]
        field = self.field
        assert isinstance(field, PolishOrderModelChoiceField)
        keyed = []
        for obj in objects:
            value = field.order_key(obj)
            texts = (value,) if isinstance(value, str) else value
            keyed.append((tuple(polish_key(text) for text in texts), self.choice(obj)))
        keyed.sort(key=lambda pair: pair[0])
        yield from (choice for _key, choice in keyed)


class PolishOrderModelChoiceField(forms.ModelChoiceField):
    """A select of gminas, centres, people or providers: its options in Polish alphabetical order
    of their labels, or of what :meth:`order_key` gives (a person's last name, then first name)."""

    iterator = PolishOrderChoiceIterator

    def order_key(self, obj: Any) -> str | tuple[str, ...]:
        return str(self.label_from_instance(obj))
