"""The registry of dashboard blocks: what each context shows on a role's dashboard (``/panel/``).

The dashboards are assembled by the portal, which sits above every context; the contexts below it
cannot import it, so each registers its blocks here from its ``AppConfig.ready()``::

    dashboard_block_register(DashboardBlock(
        key="programmes.participant_application",
        role="participant",
        template="programmes/_dashboard_participant.html",
        context=lambda request: {...},
        order=20,
    ))

A block is a template rendered with the request and the context its function gives (``None``: the
block has nothing to show this person). ``area`` says where on the role's page it goes: ``main``
(a section of its own) or ``work`` (an item of the role's list of work, links or counts). Blocks
are shown in ``order``, then by key. A new context adds to a dashboard without touching the portal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

AREAS = ("main", "work")


@dataclass(frozen=True)
class DashboardBlock:
    key: str  # "<context>.<name>", unique
    role: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None] = lambda request: {}
    order: int = 100
    area: str = "main"


_BLOCKS: dict[str, DashboardBlock] = {}


def dashboard_block_register(block: DashboardBlock) -> None:
    """Add a block (again with the same key: replace it, so a reload registers nothing twice)."""
    if block.area not in AREAS:
        raise ValueError(f"{block.key}: area must be one of {AREAS}")
    _BLOCKS[block.key] = block


def dashboard_blocks(role: str) -> list[DashboardBlock]:
    return sorted((b for b in _BLOCKS.values() if b.role == role), key=lambda b: (b.order, b.key))


def dashboard_render(request: HttpRequest, role: str) -> dict[str, list[SafeString]]:
    """The role's blocks rendered for this request, by area."""
    rendered: dict[str, list[SafeString]] = {area: [] for area in AREAS}
    for block in dashboard_blocks(role):
        context = block.context(request)
        if context is None:
            continue
        html = render_to_string(block.template, {"user": request.user, **context}, request=request)
        rendered[block.area].append(mark_safe(html))  # noqa: S308  (a template's own output)
    return rendered
