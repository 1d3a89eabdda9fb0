"""The quality mark's models, moved from the providers app: state only (their tables exist, under
the providers_* names the models keep with ``db_table``). The content types of the moved models
change app label, so that audit rows, permissions and admin log entries keep pointing at them."""

import django.db.models.deletion
import kierunek.core.validators
import kierunek.quality.domain
from django.conf import settings
from django.db import migrations, models


MOVED = [
    "auditfirm",
    "qualitystandard",
    "auditor",
    "auditassignment",
    "monitoringvisit",
    "correctiveaction",
    "qualitymarkcase",
    "caseevent",
    "auditreport",
    "evidencefile",
    "auditfinding",
    "selfassessmententry",
]


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue  # already there (a database made after the move): nothing to rename
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_quality(apps, schema_editor):
    _relabel(apps, "providers", "quality")


def content_types_to_providers(apps, schema_editor):
    _relabel(apps, "quality", "providers")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("providers", "0004_quality_moves_to_its_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditFirm",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=300, verbose_name="name")),
                        (
                            "nip",
                            models.CharField(
                                max_length=10,
                                unique=True,
                                validators=[kierunek.core.validators.validate_nip],
                                verbose_name="NIP",
                            ),
                        ),
                        ("active", models.BooleanField(default=True, verbose_name="in the register")),
                    ],
                    options={
                        "verbose_name": "audit firm",
                        "verbose_name_plural": "register of audit firms",
                        "db_table": "providers_auditfirm",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="QualityStandard",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=10, unique=True, verbose_name="code")),
                        (
                            "area",
                            models.PositiveSmallIntegerField(
                                choices=[
                                    (1, "The education and training service"),
                                    (2, "Trainers' competences"),
                                    (3, "Infrastructure, organisation and customer service"),
                                    (4, "Quality management"),
                                ],
                                verbose_name="area",
                            ),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="title")),
                        ("description", models.TextField(verbose_name="what the provider must show")),
                        ("position", models.PositiveSmallIntegerField(verbose_name="order")),
                        ("active", models.BooleanField(default=True, verbose_name="in force")),
                    ],
                    options={
                        "verbose_name": "quality standard",
                        "verbose_name_plural": "quality standards (MSUES)",
                        "db_table": "providers_qualitystandard",
                        "ordering": ["position"],
                    },
                ),
                migrations.CreateModel(
                    name="Auditor",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "licence_number",
                            models.CharField(
                                blank=True, max_length=50, verbose_name="auditor's licence number"
                            ),
                        ),
                        ("active", models.BooleanField(default=True, verbose_name="in the register")),
                        (
                            "firm",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="auditors",
                                to="quality.auditfirm",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="auditor_entry",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "auditor",
                        "verbose_name_plural": "register of auditors",
                        "db_table": "providers_auditor",
                    },
                ),
                migrations.CreateModel(
                    name="AuditAssignment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("assigned_at", models.DateTimeField(auto_now_add=True)),
                        ("declared_at", models.DateTimeField(blank=True, null=True)),
                        ("has_conflict", models.BooleanField(null=True)),
                        ("conflict_statement", models.TextField(blank=True, verbose_name="statement")),
                        ("ended_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "assigned_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "auditor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="assignments",
                                to="quality.auditor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit assignment",
                        "verbose_name_plural": "audit assignments",
                        "db_table": "providers_auditassignment",
                        "ordering": ["-assigned_at"],
                    },
                ),
                migrations.CreateModel(
                    name="MonitoringVisit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("scheduled", "scheduled"), ("ad_hoc", "ad hoc")],
                                max_length=12,
                                verbose_name="kind",
                            ),
                        ),
                        ("planned_on", models.DateField(verbose_name="planned for")),
                        ("visited_on", models.DateField(blank=True, null=True, verbose_name="visited on")),
                        ("remote", models.BooleanField(default=False, verbose_name="remote")),
                        ("findings", models.TextField(blank=True, verbose_name="findings")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "monitoring visit",
                        "verbose_name_plural": "monitoring visits",
                        "db_table": "providers_monitoringvisit",
                        "ordering": ["-planned_on"],
                    },
                ),
                migrations.CreateModel(
                    name="CorrectiveAction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("description", models.TextField(verbose_name="what must be corrected")),
                        ("deadline", models.DateField(verbose_name="deadline")),
                        (
                            "completed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="completed"),
                        ),
                        (
                            "visit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="corrective_actions",
                                to="quality.monitoringvisit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "corrective action",
                        "verbose_name_plural": "corrective actions",
                        "db_table": "providers_correctiveaction",
                        "ordering": ["deadline"],
                    },
                ),
                migrations.CreateModel(
                    name="QualityMarkCase",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("application", "application being prepared"),
                                    ("self_assessment", "self-assessment"),
                                    ("awaiting_audit", "waiting for an auditor"),
                                    ("audit", "audit in progress"),
                                    ("audit_reported", "audit report submitted, waiting for the decision"),
                                    ("granted", "quality mark granted"),
                                    ("refused", "quality mark refused"),
                                    ("suspended", "quality mark suspended"),
                                    ("withdrawn", "quality mark withdrawn"),
                                    ("expired", "quality mark expired"),
                                ],
                                default=kierunek.quality.domain.CaseState["APPLICATION"],
                                max_length=20,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("submitted_at", models.DateTimeField(blank=True, null=True)),
                        ("decided_at", models.DateTimeField(blank=True, null=True)),
                        ("decision_reasons", models.TextField(blank=True, verbose_name="reasons")),
                        ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                        ("valid_until", models.DateField(blank=True, null=True, verbose_name="valid until")),
                        (
                            "mark_number",
                            models.CharField(blank=True, max_length=30, verbose_name="mark number"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="quality_cases",
                                to="providers.provider",
                            ),
                        ),
                        (
                            "renewal_of",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="renewed_by",
                                to="quality.qualitymarkcase",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "quality mark case",
                        "verbose_name_plural": "quality mark cases",
                        "db_table": "providers_qualitymarkcase",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.AddField(
                    model_name="monitoringvisit",
                    name="case",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="monitoring_visits",
                        to="quality.qualitymarkcase",
                    ),
                ),
                migrations.CreateModel(
                    name="CaseEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("transition", models.CharField(max_length=40)),
                        ("from_state", models.CharField(max_length=20)),
                        ("to_state", models.CharField(max_length=20)),
                        ("note", models.TextField(blank=True)),
                        ("occurred_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="quality.qualitymarkcase",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "case event",
                        "verbose_name_plural": "case history",
                        "db_table": "providers_caseevent",
                        "ordering": ["occurred_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="AuditReport",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("visit_date", models.DateField(verbose_name="date of the visit")),
                        ("remote_visit", models.BooleanField(default=False, verbose_name="remote visit")),
                        ("remarks", models.TextField(blank=True, verbose_name="remarks")),
                        ("recommendations", models.TextField(blank=True, verbose_name="recommendations")),
                        ("submitted_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "assignment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="quality.auditassignment",
                            ),
                        ),
                        (
                            "case",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="audit_report",
                                to="quality.qualitymarkcase",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit report",
                        "verbose_name_plural": "audit reports",
                        "db_table": "providers_auditreport",
                    },
                ),
                migrations.AddField(
                    model_name="auditassignment",
                    name="case",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assignments",
                        to="quality.qualitymarkcase",
                    ),
                ),
                migrations.CreateModel(
                    name="EvidenceFile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("file", models.FileField(upload_to="providers/evidence/%Y/")),
                        ("file_kind", models.CharField(max_length=8)),
                        ("original_name", models.CharField(max_length=200)),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="evidence",
                                to="quality.qualitymarkcase",
                            ),
                        ),
                        (
                            "standard",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="quality.qualitystandard",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "evidence file",
                        "verbose_name_plural": "evidence files",
                        "db_table": "providers_evidencefile",
                    },
                ),
                migrations.CreateModel(
                    name="AuditFinding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "result",
                            models.CharField(
                                choices=[
                                    ("met", "met"),
                                    ("partly_met", "partly met"),
                                    ("not_met", "not met"),
                                ],
                                max_length=12,
                                verbose_name="result",
                            ),
                        ),
                        ("evidence_notes", models.TextField(blank=True, verbose_name="evidence seen")),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="findings",
                                to="quality.auditreport",
                            ),
                        ),
                        (
                            "standard",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="quality.qualitystandard",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit finding",
                        "verbose_name_plural": "audit findings",
                        "db_table": "providers_auditfinding",
                    },
                ),
                migrations.CreateModel(
                    name="SelfAssessmentEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("how_met", models.TextField(verbose_name="how the standard is met")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="self_assessment",
                                to="quality.qualitymarkcase",
                            ),
                        ),
                        (
                            "standard",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="quality.qualitystandard",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "self-assessment entry",
                        "verbose_name_plural": "self-assessment",
                        "db_table": "providers_selfassessmententry",
                    },
                ),
                migrations.AddConstraint(
                    model_name="qualitymarkcase",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            (
                                "state__in",
                                [
                                    "application",
                                    "self_assessment",
                                    "awaiting_audit",
                                    "audit",
                                    "audit_reported",
                                    "granted",
                                    "refused",
                                    "suspended",
                                    "withdrawn",
                                    "expired",
                                ],
                            )
                        ),
                        name="providers_case_state_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="qualitymarkcase",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(
                            (
                                "state__in",
                                [
                                    "application",
                                    "self_assessment",
                                    "awaiting_audit",
                                    "audit",
                                    "audit_reported",
                                ],
                            )
                        ),
                        fields=("provider",),
                        name="providers_one_open_case_per_provider",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="qualitymarkcase",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state__in", ["granted", "suspended"]), _negated=True),
                            models.Q(("valid_from__isnull", False), ("valid_until__isnull", False)),
                            _connector="OR",
                        ),
                        name="providers_case_granted_has_validity",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="qualitymarkcase",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("valid_until__isnull", True),
                            ("valid_until__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="providers_case_validity_in_order",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="qualitymarkcase",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("mark_number", ""), _negated=True),
                        fields=("mark_number",),
                        name="providers_case_mark_number_unique",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="auditassignment",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("ended_at__isnull", True)),
                        fields=("case",),
                        name="providers_one_current_auditor_per_case",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="auditassignment",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("declared_at__isnull", True), ("has_conflict__isnull", False), _connector="OR"
                        ),
                        name="providers_assignment_declaration_complete",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="auditassignment",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("has_conflict", True), _negated=True),
                            ("ended_at__isnull", False),
                            _connector="OR",
                        ),
                        name="providers_assignment_conflict_ends_it",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="auditfinding",
                    constraint=models.UniqueConstraint(
                        fields=("report", "standard"), name="providers_one_finding_per_standard"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="auditfinding",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("result__in", ["met", "partly_met", "not_met"])),
                        name="providers_finding_result_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="selfassessmententry",
                    constraint=models.UniqueConstraint(
                        fields=("case", "standard"), name="providers_one_self_assessment_per_standard"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_quality, content_types_to_providers),
    ]
