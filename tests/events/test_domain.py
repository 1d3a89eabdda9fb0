"""The pure rules: codes (random, in an alphabet a person cannot misread, read back as typed)
and the end of an offer."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.events import domain


def test_a_ticket_code_has_80_random_bits_and_no_two_are_alike():
    codes = {domain.random_code(domain.TICKET_LENGTH) for _ in range(5000)}
    assert len(codes) == 5000
    assert all(domain.code_well_formed(c, domain.TICKET_LENGTH) for c in codes)
    assert len(domain.ALPHABET) ** domain.TICKET_LENGTH == 2**80
    # Not counted: consecutive codes share no prefix structure (every position takes every symbol).
    first_symbols = {c[0] for c in codes}
    assert first_symbols == set(domain.ALPHABET)


@given(st.text(alphabet=domain.ALPHABET, min_size=16, max_size=16))
def test_a_code_read_back_as_printed_or_typed_loosely_is_the_same_code(code):
    printed = domain.code_grouped(code)
    assert domain.code_normalised(printed) == code
    assert domain.code_normalised(" " + printed.lower() + "\n") == code


@pytest.mark.parametrize(("typed", "read"), [("oIl0", "0110"), ("k7qm-2xhd", "K7QM2XHD"), ("u", "V")])
def test_letters_a_person_types_for_digits_are_read_as_base32_reads_them(typed, read):
    assert domain.code_normalised(typed) == read


def test_an_offer_lasts_its_hours_but_not_past_the_start():
    now = datetime(2026, 6, 1, 9, tzinfo=UTC)
    assert domain.offer_ends(now=now, hours=48, event_starts=now + timedelta(days=7)) == now + timedelta(
        hours=48
    )
    assert domain.offer_ends(now=now, hours=48, event_starts=now + timedelta(hours=5)) == now + timedelta(
        hours=5
    )
