"""Demo diagnosis of training needs: this school year's survey, open, answered through one-time
links by made-up respondents of the demo schools in every member gmina (enough to pass the
threshold everywhere but in two small gminas), and the centre's plan, which covers part of the
demand, so the gap map shows unmet demand (most in Wieliczka and Skawina). The demo director,
teacher and gmina staff have not answered yet: they have the survey to fill in. A second run adds
nothing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.geo.models import Gmina
from kierunek.surveys.services import response_submit_by_token, tokens_issue

from .models import Metropolis
from .models_diagnosis import NeedForm, NeedsAssessment, NeedTiming, NeedTopic
from .selectors import member_gminas
from .selectors_diagnosis import COMMENT_QUESTION, FORM_QUESTION, TIMING_QUESTION, TOPIC_QUESTION
from .services.diagnosis import course_plan_record_delivery, course_plan_save, needs_assessment_open

# Responses per gmina (TERYT); the rest have DEFAULT. Two small gminas stay under the threshold.
RESPONSES = {"1261011": 36, "1219053": 14, "1206113": 12, "1219043": 9, "1206022": 3, "1219012": 4}
DEFAULT = 6
# Topics a gmina leans to (the first is named most often).
LEANING = {
    "1261011": ["digital", "wellbeing", "migrants"],
    "1219053": ["wellbeing", "special_needs", "digital"],
    "1206113": ["career", "stem", "wellbeing"],
    "1219043": ["stem", "digital"],
}
COMMENTS = [
    "Szkolenia najlepiej po południu, po lekcjach.",
    "Potrzebujemy warsztatów praktycznych, nie wykładów.",
    "Prosimy o szkolenia w naszej gminie, dojazd do Krakowa zajmuje dużo czasu.",
    "",
    "",
]
# The centre's plan: (topic, gmina TERYT, courses, places, delivered courses, trained) — the
# autumn's courses already delivered.
PLAN = [
    ("digital", "1261011", 4, 80, 2, 41),
    ("wellbeing", "1261011", 2, 40, 1, 18),
    ("migrants", "1261011", 1, 20, None, None),
    ("career", "1206113", 1, 5, 1, 5),
    ("stem", "1219043", 1, 10, 0, 0),
]


def planned(size: str) -> int:
    return 3


def _answers(rng: random.Random, teryt: str) -> dict[str, object]:
    topics = list(range(len(NeedTopic.values)))
    leaning = [NeedTopic.values.index(code) for code in LEANING.get(teryt, [])]
    chosen: list[int] = []
    for index in leaning:
        if rng.random() < 0.75:
            chosen.append(index)
    while len(chosen) < 2:
        index = rng.choice(topics)
        if index not in chosen:
            chosen.append(index)
    forms = sorted(rng.sample(range(len(NeedForm.values)), 2))
    return {
        TOPIC_QUESTION: chosen[:3],
        FORM_QUESTION: forms,
        TIMING_QUESTION: [rng.randrange(len(NeedTiming.values))],
        COMMENT_QUESTION: rng.choice(COMMENTS),
    }


def seed(*, size: str) -> Iterator[str]:
    metropolis = Metropolis.objects.order_by("pk").first()
    staff = User.objects.filter(email=demo_email(Role.METROPOLIS_STAFF)).first()
    centre = User.objects.filter(email=demo_email(Role.TRAINING_CENTRE_STAFF)).first()
    today = timezone.localdate()
    year = today.year if today.month >= 8 else today.year - 1
    if (
        metropolis is None
        or staff is None
        or NeedsAssessment.objects.filter(metropolis=metropolis, school_year=year).exists()
    ):
        yield from ("skipped",) * planned(size)
        return
    assessment = needs_assessment_open(
        actor=Actor.of(staff),
        metropolis=metropolis,
        school_year=year,
        opens_on=today - timedelta(days=20),
        closes_on=today + timedelta(days=40),
        is_demo=True,
    )
    yield "needs survey"
    rng = random.Random(2026)  # noqa: S311  (demo answers, repeatable)
    for gmina in member_gminas(metropolis=metropolis):
        count = RESPONSES.get(gmina.teryt, DEFAULT)
        for segment, share in (("teacher", count - count // 4), ("director", count // 4)):
            if share < 1:
                continue
            for token in tokens_issue(
                actor=Actor.of(staff),
                survey=assessment.survey,
                count=share,
                group=gmina.teryt,
                segment=segment,
            ):
                response_submit_by_token(actor=SYSTEM, token=token, answers=_answers(rng, gmina.teryt))
    yield "needs answers"
    if centre is not None:
        gminas = {g.teryt: g for g in Gmina.objects.filter(teryt__in=[row[1] for row in PLAN])}
        for topic, teryt, courses, places, delivered, trained in PLAN:
            line = course_plan_save(
                actor=Actor.of(centre),
                assessment=assessment,
                topic=topic,
                gmina=gminas[teryt],
                planned_courses=courses,
                planned_places=places,
            )
            if delivered is not None and trained is not None:
                course_plan_record_delivery(
                    actor=Actor.of(centre),
                    line_id=line.pk,
                    delivered_courses=delivered,
                    delivered_places=trained,
                )
    yield "course plan"
