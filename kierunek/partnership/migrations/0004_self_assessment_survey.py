"""A self-assessment round gets its survey of the survey engine (decision 0029). Empty until the
next migration copies each round into one; required after that."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0003_activity_and_self_assessment"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="selfassessmentround",
            name="survey",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="surveys.survey",
                verbose_name="survey",
            ),
        ),
    ]
