"""Copy every self-assessment round into a survey of the survey engine (decision 0029): the round's
dates become the survey's, statement ``n`` (its position) the scale question ``statement_n`` with
the optional long-text question ``comment_n``, and each institution's response the engine's
response in the group of the institution's primary key, under the name of who sent it, with the
day it was sent. Nothing is lost: a comment left empty is an unanswered optional question, as a
new response's would be.

A person who sent the answers of two institutions in one round (the engine knows one response per
person and survey) keeps their name on the first; the second is kept without it."""

from django.db import migrations

OWNER = "partnership.self_assessment"
SCORE_LOW, SCORE_HIGH = 1, 5


def copy_rounds(apps, schema_editor):  # type: ignore[no-untyped-def]
    Round = apps.get_model("partnership", "SelfAssessmentRound")
    OldResponse = apps.get_model("partnership", "SelfAssessmentResponse")
    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    for survey_round in (
        Round.objects.filter(survey__isnull=True).select_related("partnership").order_by("pk")
    ):
        survey = Survey.objects.create(
            owner=OWNER,
            title=f"Samoocena partnerstwa {survey_round.partnership.short_name} {survey_round.year}",
            description=survey_round.introduction,
            audience="Instytucje członkowskie partnerstwa",
            opens_on=survey_round.opens_on,
            closes_on=survey_round.closes_on,
            anonymous=False,
            threshold=1,
            created_by_id=survey_round.created_by_id,
            created_at=survey_round.created_at,
        )
        statements, comments = {}, {}
        for old in survey_round.questions.order_by("position"):
            n = old.position
            statements[old.pk] = Question.objects.create(
                survey=survey,
                position=2 * n - 1,
                key=f"statement_{n}",
                text=old.text,
                kind="scale",
                scale_low=SCORE_LOW,
                scale_high=SCORE_HIGH,
                required=True,
            )
            comments[old.pk] = Question.objects.create(
                survey=survey,
                position=2 * n,
                key=f"comment_{n}",
                text=f"Komentarz do stwierdzenia {n}",
                kind="long_text",
                required=False,
            )
        named: set[int] = set()
        for old_response in OldResponse.objects.filter(round=survey_round).order_by("answered_at", "pk"):
            respondent = old_response.answered_by_id
            if respondent in named:
                respondent = None
            elif respondent is not None:
                named.add(respondent)
            response = Response.objects.create(
                survey=survey,
                respondent_id=respondent,
                group=str(old_response.institution_id),
                segment="",
                submitted_on=old_response.answered_at.date(),
            )
            answers = []
            for old_answer in old_response.answers.all():
                answers.append(
                    Answer(
                        response=response, question=statements[old_answer.question_id], value=old_answer.score
                    )
                )
                if old_answer.comment.strip():
                    answers.append(
                        Answer(
                            response=response,
                            question=comments[old_answer.question_id],
                            value=old_answer.comment.strip(),
                        )
                    )
            Answer.objects.bulk_create(answers)
        survey_round.survey = survey
        survey_round.save(update_fields=["survey"])


def forget_surveys(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Back: the rounds' old tables still hold every answer (they go in the next migration), so
    the copies are simply dropped."""
    Round = apps.get_model("partnership", "SelfAssessmentRound")
    Survey = apps.get_model("surveys", "Survey")
    ids = list(Round.objects.filter(survey__isnull=False).values_list("survey_id", flat=True))
    Round.objects.update(survey=None)
    Survey.objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0004_self_assessment_survey"),
        ("surveys", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rounds, forget_surveys)]
