"""Every event gets its short survey on the survey engine (decision 0029), and each answer kept in
``events.SurveyAnswer`` is copied into a response of that survey under the person's name, with its
three answers: the rating (scale 1 to 5), useful (yes or no, as the indexes 0 and 1) and the
comment. Going back copies the responses into ``SurveyAnswer`` again and removes the surveys.

The questions are worded here as they were when the survey moved (a migration does not follow the
code's later wording)."""

from datetime import date

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

OWNER = "events.event"
THRESHOLD = 3
NEVER_CLOSES = date(9999, 12, 31)
TITLE = "Ankieta po wydarzeniu: %s"
QUESTIONS = [
    # (key, text, kind, choices, required)
    ("rating", "Jak ogólnie oceniasz wydarzenie? (1 słabo, 5 bardzo dobrze)", "scale", [], True),
    ("useful", "Czy było przydatne w Twojej pracy lub nauce?", "single", ["tak", "nie"], True),
    ("comment", "Co warto zachować, a co zmienić? (nieobowiązkowo)", "long_text", [], False),
]
YES, NO = 0, 1


def _local_day(moment):
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _checked_now(schema_editor):
    """PostgreSQL checks the foreign keys at commit; the field's column is added or dropped in the
    same transaction as these rows change, which it refuses while checks are pending."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def surveys_made_and_answers_copied(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    SurveyAnswer = apps.get_model("events", "SurveyAnswer")
    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    for event in Event.objects.filter(survey__isnull=True).order_by("pk").iterator():
        survey = Survey.objects.create(
            owner=OWNER,
            title=(TITLE % event.title)[:200],
            opens_on=min(_local_day(event.starts_at), _local_day(event.created_at)),
            closes_on=NEVER_CLOSES,
            anonymous=False,
            threshold=THRESHOLD,
            created_by_id=event.organiser_id,
            created_at=event.created_at,
        )
        questions = {
            key: Question.objects.create(
                survey=survey,
                position=position,
                key=key,
                text=text,
                kind=kind,
                choices=choices,
                scale_low=1,
                scale_high=5,
                required=required,
            )
            for position, (key, text, kind, choices, required) in enumerate(QUESTIONS, start=1)
        }
        Event.objects.filter(pk=event.pk).update(survey=survey)
        answered = set()
        given = (
            SurveyAnswer.objects.filter(registration__event=event)
            .select_related("registration")
            .order_by("answered_at", "pk")
        )
        for old in given:
            person = old.registration.person_id
            if person in answered:  # the engine takes one response per person and survey
                continue
            answered.add(person)
            response = Response.objects.create(
                survey=survey, respondent_id=person, submitted_on=_local_day(old.answered_at)
            )
            values = {"rating": old.rating, "useful": [YES if old.useful else NO], "comment": old.comment}
            Answer.objects.bulk_create(
                Answer(response=response, question=questions[key], value=value)
                for key, value in values.items()
                if value != ""
            )
    _checked_now(schema_editor)


def answers_copied_back_and_surveys_removed(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Registration = apps.get_model("events", "Registration")
    SurveyAnswer = apps.get_model("events", "SurveyAnswer")
    Response = apps.get_model("surveys", "Response")
    Survey = apps.get_model("surveys", "Survey")
    for event in Event.objects.filter(survey__isnull=False).order_by("pk").iterator():
        for response in Response.objects.filter(survey_id=event.survey_id).prefetch_related(
            "answers__question"
        ):
            values = {a.question.key: a.value for a in response.answers.all()}
            registration = (
                Registration.objects.filter(event=event, person_id=response.respondent_id)
                .order_by("-attendance", "-pk")  # "present" before "absent"
                .first()
            )
            if registration is None or "rating" not in values:
                continue
            SurveyAnswer.objects.get_or_create(
                registration=registration,
                defaults={
                    "rating": values["rating"],
                    "useful": values.get("useful") == [YES],
                    "comment": values.get("comment", ""),
                },
            )
        survey_id = event.survey_id
        Event.objects.filter(pk=event.pk).update(survey=None)
        Survey.objects.filter(pk=survey_id, owner=OWNER).delete()
    _checked_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="survey",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="event",
                to="surveys.survey",
                verbose_name="survey after the event",
            ),
        ),
        migrations.RunPython(surveys_made_and_answers_copied, answers_copied_back_and_surveys_removed),
    ]
