import html
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


class NoEchoTextInput(forms.TextInput):
    """A text input that never writes its value back into the page, for personal identifiers
    (PESEL): a form shown again after an error asks for it again instead of echoing it."""

    def format_value(self, value: Any) -> None:
        return None


# (value, label), or (group label, [(value, label), ...]) for an <optgroup>, as Django's choices.
OptionChoice = tuple[str, str] | tuple[str, Sequence[tuple[str, str]]]


def options_html(choices: Iterable[OptionChoice], *, selected: str, blank: str | None = None) -> SafeString:
    """The ``<option>`` (and ``<optgroup>``) elements of a select, the one of value ``selected``
    marked, after ``blank``, when given: the first option, of an empty value, which the browser
    shows when no other is marked. In one pass of Python: the same markup as a template loop
    writing one option at a time, which on a list of the 182 gminas costs several milliseconds a
    page (Django's template engine spends that on each variable, tag and translation lookup of
    the loop). Values and labels are escaped (as Django's ``escape`` does, without its checks for
    lazy strings)."""
    parts = [f'<option value="">{_escape(blank)}</option>'] if blank is not None else []
    for value, label in choices:
        if isinstance(label, str):
            parts.append(_option(value, label, selected))
        else:
            parts.append(f'<optgroup label="{_escape(value)}">')
            parts.extend(_option(item_value, item_label, selected) for item_value, item_label in label)
            parts.append("</optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


def _option(value: str, label: str, selected: str) -> str:
    marked = " selected" if value == selected else ""
    return f'<option value="{_escape(value)}"{marked}>{_escape(label)}</option>'


def _escape(text: str) -> str:
    return html.escape(str(text))


def option_selected(options: SafeString, value: str) -> SafeString:
    """``options`` (written by :func:`options_html` with nothing selected, and kept) with the option
    of ``value`` marked: one replacement instead of writing every option again. A value that no
    option has (anything a visitor typed into the address) marks nothing."""
    if not value:
        return options
    option = f'<option value="{_escape(value)}">'
    return mark_safe(options.replace(option, option[:-1] + " selected>", 1))  # noqa: S308 - options are escaped
