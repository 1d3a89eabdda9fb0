from typing import Any

from django import forms


class NoEchoTextInput(forms.TextInput):
    """A text input that never writes its value back into the page, for personal identifiers
    (PESEL): a form shown again after an error asks for it again instead of echoing it."""

    def format_value(self, value: Any) -> None:
        return None
