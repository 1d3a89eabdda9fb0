"""The pure rules of guidance: appointment limits, the plan's sign-off check, and the ranking of
recommended services (table tests: no database). The plan's lifecycle is a workflow:
test_plan_workflow.py."""

from datetime import UTC, date, datetime, timedelta

import pytest

from kierunek.guidance import domain
from kierunek.guidance.domain import (
    AreaDraft,
    AreaNeed,
    Candidate,
    Point,
    Reason,
    ReasonCode,
    Stage,
    rank_services,
)

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
TODAY = date(2026, 5, 4)
KRAKOW = Point(50.0726, 19.9325)
TARNOW = Point(50.0138, 20.9870)
WIELICZKA = Point(49.9870, 20.0650)
NOWY_SACZ = Point(49.6218, 20.6971)


@pytest.mark.parametrize(
    ("hours_ahead", "allowed"),
    [(48, True), (24, True), (23.99, False), (1, False), (0, False), (-5, False)],
)
def test_changes_are_allowed_until_24_hours_before(hours_ahead, allowed):
    assert domain.change_allowed(starts_at=NOW + timedelta(hours=hours_ahead), now=NOW) is allowed


@pytest.mark.parametrize(
    ("start_in", "minutes", "problem"),
    [
        (timedelta(days=1), 60, None),
        (timedelta(minutes=-1), 60, "past"),
        (timedelta(days=1), 0, "order"),
        (timedelta(days=1), 10, "length"),
        (timedelta(days=1), 241, "length"),
        (timedelta(days=181), 60, "too_far"),
    ],
)
def test_slot_problems(start_in, minutes, problem):
    start = NOW + start_in
    assert (
        domain.slot_problem(starts_at=start, ends_at=start + timedelta(minutes=minutes), now=NOW) == problem
    )


@pytest.mark.parametrize(
    ("meeting_day", "due"),
    [(date(2026, 5, 5), True), (date(2026, 5, 4), False), (date(2026, 5, 6), False)],
)
def test_reminders_are_due_the_day_before(meeting_day, due):
    assert domain.reminder_due(starts_at_local_date=meeting_day, today=TODAY) is due


ALL_STAGES = [Stage.BIOGRAPHICAL, Stage.BEHAVIOURAL, Stage.PROFILE, Stage.PORTFOLIO]
GOOD_AREA = AreaDraft(title="Angielski", goals="B1", category_count=1, market_qualification="")


@pytest.mark.parametrize(
    ("areas", "stages", "problems"),
    [
        ([GOOD_AREA], ALL_STAGES, []),
        ([], ALL_STAGES, ["no_areas"]),
        ([GOOD_AREA], ALL_STAGES[:3], ["stage_open:portfolio"]),
        ([GOOD_AREA], [], [f"stage_open:{s}" for s in ALL_STAGES]),
        ([AreaDraft("A", "  ", 1, "")], ALL_STAGES, ["area_without_goals:1"]),
        ([GOOD_AREA, AreaDraft("B", "cel", 0, "")], ALL_STAGES, ["area_without_means:2"]),
        ([AreaDraft("B", "cel", 0, "Prowadzenie księgowości")], ALL_STAGES, []),
    ],
)
def test_plan_sign_problems(areas, stages, problems):
    assert domain.plan_sign_problems(areas=areas, stages_done=stages) == problems


@pytest.mark.parametrize(
    ("concept_type", "transversal", "dimension"),
    [
        ("knowledge", False, "knowledge"),
        ("knowledge", True, "knowledge"),
        ("skill", True, "social"),
        ("skill", False, "skills"),
    ],
)
def test_default_dimension(concept_type, transversal, dimension):
    assert domain.default_dimension(concept_type=concept_type, is_transversal=transversal) == dimension


def test_words_are_folded_and_without_stopwords():
    assert domain.words("Język angielski w pracy — KURS dla Łucji") == {
        "jezyk",
        "angielski",
        "pracy",
        "lucji",
    }


# --- ranking ---------------------------------------------------------------------------------


def card(card_id: int, **overrides) -> Candidate:
    values = {
        "card_id": card_id,
        "title": "Język angielski B1",
        "text": "Język angielski B1 konwersacje w pracy",
        "category_code": "languages_english",
        "parent_category_code": "languages",
        "remote": False,
        "place": KRAKOW,
        "starts_on": TODAY + timedelta(days=60),
        "enrolment_deadline": TODAY + timedelta(days=55),
        "free_places": 5,
        "vouchers": 96,
        "top_up": 0,
        "quality_mark": False,
        "rating_average": None,
        "rating_count": 0,
        "market_qualification": "",
    }
    values.update(overrides)
    return Candidate(**values)


ENGLISH = AreaNeed(
    category_codes=frozenset({"languages_english"}),
    keywords=domain.words("Język angielski"),
    package_vouchers=180,
)


def ranked_ids(candidates, need=ENGLISH, **kwargs):
    kwargs.setdefault("today", TODAY)
    return [r.card_id for r in rank_services(need=need, candidates=candidates, **kwargs)]


@pytest.mark.parametrize(
    ("description", "candidates", "kwargs", "expected"),
    [
        (
            "nearer to work first",
            [card(1, place=TARNOW), card(2, place=WIELICZKA), card(3, place=KRAKOW)],
            {"work": KRAKOW},
            [3, 2, 1],
        ),
        (
            "the nearer of home and work counts",
            [card(1, place=TARNOW), card(2, place=NOWY_SACZ)],
            {"home": TARNOW, "work": KRAKOW},
            [1, 2],
        ),
        (
            "quality mark ranks up",
            [card(1), card(2, quality_mark=True)],
            {"work": KRAKOW},
            [2, 1],
        ),
        (
            "top-up ranks down",
            [card(1, top_up=50_000), card(2, top_up=0)],
            {"work": KRAKOW},
            [2, 1],
        ),
        (
            "a good rating counts only with three ratings or more",
            [card(1, rating_average=5.0, rating_count=2), card(2, rating_average=4.8, rating_count=10)],
            {},
            [2, 1],
        ),
        (
            "a category match beats a text-only match",
            [card(1, category_code="soft_communication", parent_category_code="soft_skills"), card(2)],
            {},
            [2, 1],
        ),
        (
            "a subcategory of a chosen category fits",
            [card(1, category_code="languages_german", parent_category_code="languages", text="Niemiecki")],
            {"need": AreaNeed(category_codes=frozenset({"languages"}), keywords=frozenset())},
            [1],
        ),
        (
            "remote needs no travel, far in person ranks below it",
            [card(1, place=NOWY_SACZ), card(2, remote=True, place=None)],
            {"work": KRAKOW},
            [2, 1],
        ),
        (
            "equal scores: the sooner start, then the lower id",
            [card(3), card(2, starts_on=TODAY + timedelta(days=70)), card(1)],
            {},
            [1, 3, 2],
        ),
    ],
)
def test_ranking_order(description, candidates, kwargs, expected):
    assert ranked_ids(candidates, **kwargs) == expected, description


@pytest.mark.parametrize(
    ("description", "candidate"),
    [
        (
            "fits neither by category nor by text",
            card(
                1,
                category_code="driving_b",
                parent_category_code="driving",
                text="Prawo jazdy",
                title="Prawo jazdy",
            ),
        ),
        ("enrolment closed", card(1, enrolment_deadline=TODAY - timedelta(days=1))),
        ("already started", card(1, starts_on=TODAY - timedelta(days=1))),
        ("no free place", card(1, free_places=0)),
        ("more vouchers than the package holds", card(1, vouchers=181)),
    ],
)
def test_ranking_leaves_out(description, candidate):
    assert ranked_ids([candidate]) == [], description


def test_without_a_known_package_nothing_is_left_out_for_its_size():
    need = AreaNeed(category_codes=ENGLISH.category_codes, keywords=ENGLISH.keywords, package_vouchers=None)
    assert ranked_ids([card(1, vouchers=1000)], need=need) == [1]


def test_a_market_qualification_match_fits_and_says_so():
    need = AreaNeed(
        category_codes=frozenset(), keywords=frozenset(), market_qualification="Prowadzenie księgowości"
    )
    (result,) = rank_services(
        need=need,
        candidates=[
            card(
                1,
                category_code="finance_accounting",
                text="x",
                market_qualification="prowadzenie ksiegowosci",
            )
        ],
        today=TODAY,
    )
    assert Reason(ReasonCode.QUALIFICATION) in result.reasons


def test_reasons_say_why():
    (result,) = rank_services(
        need=ENGLISH,
        candidates=[
            card(1, place=WIELICZKA, quality_mark=True, vouchers=96, starts_on=TODAY + timedelta(days=10))
        ],
        today=TODAY,
        work=KRAKOW,
    )
    codes = [reason.code for reason in result.reasons]
    assert codes == [
        ReasonCode.NEAR_WORK,
        ReasonCode.QUALITY_MARK,
        ReasonCode.COVERED,
        ReasonCode.STARTS_SOON,
    ]
    assert result.reasons[0].km == 13  # Kraków to Wieliczka, seat to seat
    assert result.reasons[2].vouchers == 96


@pytest.mark.parametrize(
    ("candidate", "kwargs", "code"),
    [
        (card(1, place=KRAKOW), {"home": KRAKOW}, ReasonCode.NEAR_HOME),
        (card(1, place=NOWY_SACZ), {"work": KRAKOW}, ReasonCode.FAR),
        (card(1, remote=True, place=None), {"work": KRAKOW}, ReasonCode.REMOTE),
        (card(1, top_up=12_000), {}, ReasonCode.TOP_UP),
        (card(1, rating_average=4.5, rating_count=3), {}, ReasonCode.RATING),
    ],
)
def test_reason_codes(candidate, kwargs, code):
    (result,) = rank_services(need=ENGLISH, candidates=[candidate], today=TODAY, **kwargs)
    assert code in [reason.code for reason in result.reasons]


def test_the_limit_and_a_generator_of_candidates():
    result = rank_services(need=ENGLISH, candidates=(card(n) for n in range(1, 11)), today=TODAY, limit=3)
    assert [r.card_id for r in result] == [1, 2, 3]
