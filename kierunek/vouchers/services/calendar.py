"""The holiday calendar of booking deadlines: Polish public holidays of any year (one source for
the whole programme: :mod:`kierunek.core.calendar`)."""

from __future__ import annotations

from kierunek.core.calendar import POLISH_HOLIDAYS

__all__ = ["POLISH_HOLIDAYS"]
