"""Who a course admits (pure rule)."""

from kierunek.education import domain_training as rules


def admits(**kwargs):
    values = {
        "audience": rules.AUDIENCE_TEACHERS,
        "members_only": True,
        "subject": "",
        "functions": {"teacher"},
        "subjects_taught": "matematyka",
        "gmina_is_member": True,
    }
    return rules.audience_refusal(**{**values, **kwargs})


def test_the_audience_rule():
    assert admits() is None
    assert admits(functions=set()) == rules.NOT_AT_SCHOOL
    assert admits(functions={"director"}) == rules.WRONG_FUNCTION
    assert admits(audience=rules.AUDIENCE_DIRECTORS) == rules.WRONG_FUNCTION
    assert admits(audience=rules.AUDIENCE_DIRECTORS, functions={"deputy_director"}) is None
    assert admits(audience=rules.AUDIENCE_SCHOOL_STAFF, functions={"director"}) is None
    assert admits(functions={"counsellor"}) is None
    assert admits(gmina_is_member=False) == rules.NOT_A_MEMBER
    assert admits(gmina_is_member=False, members_only=False) is None
    assert admits(subject="Matematyka ", subjects_taught="fizyka, matematyka") is None
    assert admits(subject="chemia") == rules.WRONG_SUBJECT
