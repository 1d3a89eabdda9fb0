"""Two views of each participant's newest application, for the reports to join once (decision
0032): the newest submitted one, and the newest one neither a draft nor withdrawn (where the
person lives, as outreach reads it: outreach.figures.LIVES_NOWHERE). The same SQL on
SQLite and PostgreSQL (a window function); newest is the latest ``submitted_at``, then the
highest id, the order the reports always used."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The participant_id, application_id, residence_gmina_id, education_level and employment_status
# of each participant's newest application (latest submitted_at, then highest id) among those
# the condition selects. Only the constants below are put into it.
VIEW = """
CREATE VIEW {name} AS
SELECT participant_id, application_id, residence_gmina_id, education_level, employment_status FROM (
    SELECT participant_id, id AS application_id, residence_gmina_id, education_level, employment_status,
        ROW_NUMBER() OVER (PARTITION BY participant_id ORDER BY submitted_at DESC, id DESC) AS newest
    FROM programmes_application
    WHERE {condition}
) ranked
WHERE newest = 1
"""


def view(name: str, condition: str) -> migrations.RunSQL:
    return migrations.RunSQL(VIEW.format(name=name, condition=condition), f"DROP VIEW {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_more_roles_and_gmina_staff"),
        ("geo", "0002_load_malopolska"),
        ("programmes", "0008_validation_services_rule"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NewestApplication",
            fields=[
                ("education_level", models.PositiveSmallIntegerField(null=True)),
                ("employment_status", models.CharField(max_length=16)),
                (
                    "participant",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="newest_application",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "db_table": "programmes_newest_application",
                "abstract": False,
                "managed": False,
            },
        ),
        migrations.CreateModel(
            name="StandingApplication",
            fields=[
                ("education_level", models.PositiveSmallIntegerField(null=True)),
                ("employment_status", models.CharField(max_length=16)),
                (
                    "participant",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="standing_application",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "db_table": "programmes_standing_application",
                "abstract": False,
                "managed": False,
            },
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["participant", "-submitted_at", "-id"], name="programmes_application_newest"
            ),
        ),
        view("programmes_newest_application", "submitted_at IS NOT NULL"),
        view("programmes_standing_application", "status NOT IN ('draft', 'withdrawn')"),
    ]
