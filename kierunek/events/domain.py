"""The pure rules of events (no Django): the states of a registration and of its check-in, the
ticket and certificate codes, and when a waiting-list offer ends.

A registration holds a seat of the event while it is ``pending`` (waiting for the organiser's
approval), ``offered`` (a freed seat kept for the next person on the waiting list) or
``confirmed``; ``waiting`` holds none. So the seats taken are exactly the registrations in
:data:`HOLDING`, and an event is never overbooked as long as a registration enters one of those
states only when a seat is free (the services check it under the event's row lock; the database's
CHECK ``seats_taken <= capacity`` is the backstop)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

# Registration states
PENDING = "pending"  # waiting for the organiser's approval, seat held
CONFIRMED = "confirmed"
WAITING = "waiting"  # on the waiting list, no seat
OFFERED = "offered"  # a freed seat offered, held until the offer ends
CANCELLED = "cancelled"  # by the attendee
REJECTED = "rejected"  # by the organiser
LAPSED = "lapsed"  # the offer ended without an answer

HOLDING = (PENDING, OFFERED, CONFIRMED)
ACTIVE = (*HOLDING, WAITING)
ENDED = (CANCELLED, REJECTED, LAPSED)

# Check-in states
NOT_CHECKED_IN = "absent"
CHECKED_IN = "present"

# Codes: Crockford's base-32 alphabet (no I, L, O, U), so a code read aloud or typed at the door
# is not mistaken. A ticket code has 16 characters: 80 random bits, shown in groups of four.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TICKET_LENGTH = 16
CERTIFICATE_LENGTH = 12  # 60 random bits: a verification code is looked up, never listed
_READ_AS = {"O": "0", "I": "1", "L": "1", "U": "V"}


def random_code(length: int) -> str:
    """``length`` characters of :data:`ALPHABET` from the operating system's secure random source."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def code_grouped(code: str) -> str:
    """``K7QM2XHD9PRTW4NB`` -> ``K7QM-2XHD-9PRT-W4NB``: how a code is printed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_normalised(typed: str) -> str:
    """A code as typed or scanned: spaces and dashes dropped, upper case, and the letters a person
    may type for a digit (O for 0, I and L for 1) read as Crockford's base-32 reads them."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\r\n")
    return "".join(_READ_AS.get(ch, ch) for ch in cleaned)


def code_well_formed(code: str, length: int) -> bool:
    return len(code) == length and all(ch in ALPHABET for ch in code)


def offer_ends(*, now: datetime, hours: int, event_starts: datetime) -> datetime:
    """A freed seat is kept for the person offered it for ``hours``, but never past the start of
    the event (an offer an hour before it starts lasts that hour)."""
    return min(now + timedelta(hours=hours), event_starts)
