"""Every event now has its survey, and the answers live on the survey engine: the link becomes
required and ``SurveyAnswer``, copied by 0002 and read by nothing, is removed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_survey"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="survey",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="event",
                to="surveys.survey",
                verbose_name="survey after the event",
            ),
        ),
        migrations.DeleteModel(
            name="SurveyAnswer",
        ),
    ]
