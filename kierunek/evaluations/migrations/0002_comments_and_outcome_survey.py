"""Comments wait for moderation before they are shown; providers reply once; the outcome survey (invitations, anonymous answers)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def comments_pending(apps, schema_editor):
    """Every comment given so far waits for an officer's moderation."""
    apps.get_model("evaluations", "SurveyResponse").objects.exclude(comment="").update(
        comment_state="pending"
    )


def comments_unmoderated(apps, schema_editor):
    apps.get_model("evaluations", "SurveyResponse").objects.update(comment_state="none")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_import_jobs"),
        ("evaluations", "0001_initial"),
        ("programmes", "0004_more_rule_keys"),
        ("providers", "0004_quality_moves_to_its_own_app"),
        ("vouchers", "0005_settlement_run_progress"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CommentReply",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="reply")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="published")),
            ],
            options={
                "verbose_name": "reply to a comment",
                "verbose_name_plural": "replies to comments",
            },
        ),
        migrations.CreateModel(
            name="OutcomeInvitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("invited_on", models.DateField(verbose_name="invited on")),
                ("closes_on", models.DateField(verbose_name="open until")),
                (
                    "reminders_sent",
                    models.PositiveSmallIntegerField(default=0, verbose_name="reminders sent"),
                ),
                ("last_reminded_on", models.DateField(blank=True, null=True, verbose_name="last reminder")),
                ("answered_on", models.DateField(blank=True, null=True, verbose_name="answered on")),
            ],
            options={
                "verbose_name": "outcome survey invitation",
                "verbose_name_plural": "outcome survey invitations",
            },
        ),
        migrations.CreateModel(
            name="OutcomeResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month")),
                (
                    "job_change",
                    models.CharField(
                        choices=[
                            ("new_job", "I have a new job"),
                            ("promotion", "I was promoted or given new duties"),
                            ("same", "I work where I did, nothing changed"),
                            ("not_working", "I am not working"),
                        ],
                        max_length=12,
                        verbose_name="change in work",
                    ),
                ),
                (
                    "skills_use",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "1 (never)"),
                            (2, "2 (rarely)"),
                            (3, "3 (sometimes)"),
                            (4, "4 (often)"),
                            (5, "5 (every day)"),
                        ],
                        verbose_name="use of the new skills",
                    ),
                ),
                ("qualification", models.BooleanField(verbose_name="certificate or qualification obtained")),
                (
                    "qualification_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="which certificate or qualification"
                    ),
                ),
                ("recommend", models.PositiveSmallIntegerField(verbose_name="would recommend (0-10)")),
            ],
            options={
                "verbose_name": "outcome survey response",
                "verbose_name_plural": "outcome survey responses",
            },
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="comment_decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="comment moderated"),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="comment_reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="reason for not publishing"),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="comment_state",
            field=models.CharField(
                choices=[
                    ("none", "no comment"),
                    ("pending", "waiting for moderation"),
                    ("approved", "published"),
                    ("rejected", "not published"),
                ],
                default="none",
                max_length=10,
                verbose_name="comment",
            ),
        ),
        migrations.AddIndex(
            model_name="surveyresponse",
            index=models.Index(fields=["comment_state", "id"], name="evaluations_comment_087010_idx"),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("comment_state__in", ["none", "pending", "approved", "rejected"])),
                name="evaluations_comment_state_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("comment_state", "none"), models.Q(("comment", ""), _negated=True), _connector="OR"
                ),
                name="evaluations_comment_state_needs_comment",
            ),
        ),
        migrations.AddField(
            model_name="commentreply",
            name="provider",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="providers.provider"
            ),
        ),
        migrations.AddField(
            model_name="commentreply",
            name="response",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reply",
                to="evaluations.surveyresponse",
            ),
        ),
        migrations.AddField(
            model_name="commentreply",
            name="written_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="outcomeinvitation",
            name="booking",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="outcome_invitation",
                to="vouchers.booking",
            ),
        ),
        migrations.AddField(
            model_name="outcomeinvitation",
            name="participant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="outcome_invitations",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="outcomeinvitation",
            name="rule_version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="programmes.ruleversion",
                verbose_name="outcome survey rule applied",
            ),
        ),
        migrations.AddField(
            model_name="outcomeresponse",
            name="card",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.servicecard"
            ),
        ),
        migrations.AddField(
            model_name="outcomeresponse",
            name="category",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="catalogue.category"
            ),
        ),
        migrations.AddField(
            model_name="outcomeresponse",
            name="provider",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="providers.provider"
            ),
        ),
        migrations.AddIndex(
            model_name="outcomeinvitation",
            index=models.Index(fields=["answered_on", "closes_on"], name="evaluations_answere_ea081a_idx"),
        ),
        migrations.AddConstraint(
            model_name="outcomeinvitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("closes_on__gte", models.F("invited_on"))),
                name="evaluations_invitation_closes_after",
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomeresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("job_change__in", ["new_job", "promotion", "same", "not_working"])),
                name="evaluations_outcome_job_change_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomeresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("skills_use__gte", 1), ("skills_use__lte", 5)),
                name="evaluations_outcome_skills_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomeresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("recommend__lte", 10)), name="evaluations_outcome_recommend_0_to_10"
            ),
        ),
        migrations.RunPython(comments_pending, comments_unmoderated),
    ]
