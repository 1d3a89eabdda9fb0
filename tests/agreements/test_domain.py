"""The pure rules: placeholders, when a provider's agreement allows bookings, what an annex covers."""

from datetime import date

import pytest

from kierunek.agreements import domain


def test_placeholders_are_found_filled_and_unknown_ones_named():
    text = "Umowa {{ agreement_number }} z {{participant_name}}; {{ nieznany }}."
    assert domain.placeholders_in(text) == {"agreement_number", "participant_name", "nieznany"}
    assert domain.unknown_placeholders(text, domain.PARTICIPATION) == ["nieznany"]
    assert domain.unknown_placeholders(text, domain.PROVIDER) == ["nieznany", "participant_name"]
    filled = domain.fill(text, {"agreement_number": "UU/2026/1", "participant_name": "Zofia Nowak"})
    assert filled == "Umowa UU/2026/1 z Zofia Nowak; {{ nieznany }}."


D = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("status", "valid_from", "valid_until", "no_bookings_after", "day", "in_force"),
    [
        (domain.COUNTERSIGNED, D, date(2026, 12, 31), None, D, True),
        (domain.COUNTERSIGNED, D, date(2026, 12, 31), None, date(2026, 5, 31), False),  # before
        (domain.COUNTERSIGNED, D, date(2026, 12, 31), None, date(2027, 1, 1), False),  # after
        (domain.ACCEPTED, D, date(2026, 12, 31), None, D, False),  # not countersigned
        (domain.AWAITING, D, date(2026, 12, 31), None, D, False),
        (domain.TERMINATED, D, date(2026, 12, 31), date(2026, 7, 1), date(2026, 7, 1), True),  # last day
        (domain.TERMINATED, D, date(2026, 12, 31), date(2026, 7, 1), date(2026, 7, 2), False),
        (domain.TERMINATED, D, date(2026, 12, 31), None, D, False),
    ],
)
def test_a_provider_agreement_is_in_force_by_the_table(
    status, valid_from, valid_until, no_bookings_after, day, in_force
):
    assert (
        domain.provider_agreement_in_force(
            status=status,
            valid_from=valid_from,
            valid_until=valid_until,
            no_bookings_after=no_bookings_after,
            day=day,
        )
        is in_force
    )


def test_an_annex_covers_changed_agreed_rules_and_new_packages_only():
    rules, packages = domain.annex_changes(
        agreed_rules={"voucher_unit": 1, "consumption": 2, "booking": 3},
        rules_in_force={"voucher_unit": 1, "consumption": 5, "booking": 3, "eligibility": 9},
        agreed_packages={"general"},
        plan_packages={"general", "vocational"},
    )
    assert (rules, packages) == (["consumption"], ["vocational"])
    assert domain.annex_changes(
        agreed_rules={"voucher_unit": 1},
        rules_in_force={"voucher_unit": 1},
        agreed_packages={"general"},
        plan_packages={"general"},
    ) == ([], [])
