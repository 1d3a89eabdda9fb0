"""The deadlines of the 2019 act: 7 days for the answer, at most 2 months after the report."""

from datetime import date

import pytest

from kierunek.cms import domain


@pytest.mark.parametrize(
    ("received", "due", "limit"),
    [
        (date(2026, 3, 2), date(2026, 3, 9), date(2026, 5, 2)),
        (date(2026, 12, 31), date(2027, 1, 7), date(2027, 2, 28)),
        (date(2027, 12, 31), date(2028, 1, 7), date(2028, 2, 29)),
    ],
)
def test_the_answer_is_due_in_7_days_and_may_wait_2_months(received, due, limit):
    assert domain.answer_due(received) == due
    assert domain.extension_limit(received) == limit


def test_an_extension_must_be_later_and_within_the_limit():
    received = date(2026, 3, 2)
    due = domain.answer_due(received)
    assert domain.extension_error(received_on=received, current_due=due, new_due=due) is not None
    assert domain.extension_error(received_on=received, current_due=due, new_due=date(2026, 5, 3)) is not None
    assert domain.extension_error(received_on=received, current_due=due, new_due=date(2026, 5, 2)) is None


def test_overdue_only_while_open():
    assert domain.is_overdue(due_on=date(2026, 3, 9), status=domain.RECEIVED, today=date(2026, 3, 10))
    assert not domain.is_overdue(due_on=date(2026, 3, 9), status=domain.RECEIVED, today=date(2026, 3, 9))
    assert not domain.is_overdue(due_on=date(2026, 3, 9), status=domain.ANSWERED, today=date(2026, 3, 10))


def test_the_index_text_puts_every_token_between_spaces():
    assert domain.index_text([["bon", "bony"], ["rada"]]) == " bon bony rada "
    assert domain.index_text([]) == ""
