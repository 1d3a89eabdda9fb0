"""The short survey after an event, on the survey engine (decision 0029): one ``Survey`` per event
(owner ``"events.event"``), made with the event, with three questions: the overall rating on a
scale of 1 to 5, whether it was useful (yes or no) and an optional comment.

It is not anonymous (the engine keeps who answered, so a person answers once and finds their
answers in their data export), but the organiser sees only the figures and the comments without
names, and nothing at all under :data:`THRESHOLD` answers. When the survey may be answered is the
events' rule (a person checked in, after the end): the engine's dates only frame it, from the day
the event was made (or its first day, if earlier) with no closing day."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from kierunek.surveys import domain as survey_domain
from kierunek.surveys.services import QuestionData, SurveyData

OWNER = "events.event"
THRESHOLD = 3
NEVER_CLOSES = date(9999, 12, 31)

RATING = "rating"
USEFUL = "useful"
COMMENT = "comment"
YES, NO = 0, 1  # the indexes of the answers to USEFUL
COMMENT_MAX = 2000


def survey_data(*, title: str, first_day: date, today: date) -> SurveyData:
    """The survey of an event called ``title`` that begins on ``first_day``, worded in Polish (the
    survey's language; the form a person answers is in theirs)."""
    with translation.override("pl"):
        return SurveyData(
            owner=OWNER,
            title=(_("Survey after the event: %(title)s") % {"title": title})[:200],
            opens_on=min(first_day, today),
            closes_on=NEVER_CLOSES,
            anonymous=False,
            threshold=THRESHOLD,
            questions=(
                QuestionData(
                    key=RATING,
                    text=_("How do you rate the event overall? (1 poor, 5 very good)"),
                    kind=survey_domain.SCALE,
                    scale_low=1,
                    scale_high=5,
                ),
                QuestionData(
                    key=USEFUL,
                    text=_("Was it useful for your work or learning?"),
                    kind=survey_domain.SINGLE,
                    choices=(_("yes"), _("no")),
                ),
                QuestionData(
                    key=COMMENT,
                    text=_("What should we keep or change? (optional)"),
                    kind=survey_domain.LONG_TEXT,
                    required=False,
                ),
            ),
        )


def answers(*, rating: int, useful: bool, comment: str) -> dict[str, object]:
    """The engine's answers (question key → answer) for the form's three fields."""
    return {RATING: rating, USEFUL: [YES if useful else NO], COMMENT: comment}
