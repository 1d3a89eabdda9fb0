from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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
