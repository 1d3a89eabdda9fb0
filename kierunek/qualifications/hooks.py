"""Hooks through which a context above the register adds to its pages without the register
importing it (the layering: validation sits above qualifications). The higher context registers
in its ``AppConfig.ready()``; the qualification's public page shows whatever is registered.

- :data:`QUALIFICATION_ACTIONS`: a call to action on a qualification's page (/kwalifikacje/<code>/),
  shown when ``shown(qualification)`` says so; e.g. validation's "Apply for validation", whose
  page takes the code as ``?kwalifikacja=<code>``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse


@dataclass(frozen=True)
class QualificationAction:
    """``url_name`` takes no argument; the qualification's code goes as the query's ``param``."""

    key: str
    url_name: str
    param: str
    label: Any
    description: Any
    shown: Callable[[Any], bool]


QUALIFICATION_ACTIONS: list[QualificationAction] = []


def qualification_action_register(action: QualificationAction) -> None:
    if all(existing.key != action.key for existing in QUALIFICATION_ACTIONS):
        QUALIFICATION_ACTIONS.append(action)


def qualification_actions(qualification: Any) -> list[dict[str, Any]]:
    """The registered actions that apply to ``qualification`` now, ready for a template."""
    return [
        {
            "key": action.key,
            "url": reverse(action.url_name) + "?" + urlencode({action.param: qualification.code}),
            "label": action.label,
            "description": action.description,
        }
        for action in QUALIFICATION_ACTIONS
        if action.shown(qualification)
    ]
