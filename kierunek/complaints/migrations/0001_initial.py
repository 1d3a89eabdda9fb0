"""Complaints about a service or its provider, and their history."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogue', '0006_import_jobs'),
        ('programmes', '0004_more_rule_keys'),
        ('providers', '0004_quality_moves_to_its_own_app'),
        ('vouchers', '0005_settlement_run_progress'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Complaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('about', models.CharField(choices=[('service', 'the service'), ('provider', 'the provider')], default='service', max_length=10, verbose_name='about')),
                ('subject', models.CharField(max_length=200, verbose_name='subject')),
                ('description', models.TextField(verbose_name='description')),
                ('attachment', models.FileField(blank=True, upload_to='complaints/%Y/', verbose_name='attachment')),
                ('attachment_kind', models.CharField(blank=True, max_length=8)),
                ('access_token_hash', models.CharField(blank=True, max_length=64, null=True, unique=True)),
                ('status', models.CharField(choices=[('received', 'received'), ('under_review', 'under review'), ('answered', 'answered by the provider'), ('upheld', 'upheld'), ('dismissed', 'dismissed')], default='received', max_length=14, verbose_name='status')),
                ('received_on', models.DateField(verbose_name='received on')),
                ('decision_due', models.DateField(verbose_name='decision due by')),
                ('answer_due', models.DateField(blank=True, null=True, verbose_name="provider's answer due by")),
                ('answer', models.TextField(blank=True, verbose_name="provider's answer")),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered')),
                ('decision_reason', models.TextField(blank=True, verbose_name='reason of the decision')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='filed')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('booking', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='vouchers.booking', verbose_name='booking')),
                ('card', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='catalogue.servicecard', verbose_name='service')),
                ('clawback', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='vouchers.ledgertransaction')),
                ('complainant', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to=settings.AUTH_USER_MODEL, verbose_name='complainant')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('payout_freeze', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='vouchers.payoutfreeze')),
                ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programmes.programme')),
                ('provider', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='providers.provider', verbose_name='provider')),
                ('taken_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'complaint',
                'verbose_name_plural': 'complaints',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ComplaintEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status_from', models.CharField(blank=True, choices=[('received', 'received'), ('under_review', 'under review'), ('answered', 'answered by the provider'), ('upheld', 'upheld'), ('dismissed', 'dismissed')], max_length=14)),
                ('status_to', models.CharField(choices=[('received', 'received'), ('under_review', 'under review'), ('answered', 'answered by the provider'), ('upheld', 'upheld'), ('dismissed', 'dismissed')], max_length=14)),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('occurred_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='complaints.complaint')),
            ],
            options={
                'ordering': ['occurred_at', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['status', 'decision_due'], name='complaints__status_2ef675_idx'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['received', 'under_review', 'answered', 'upheld', 'dismissed'])), name='complaints_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(('complainant__isnull', False), models.Q(models.Q(('name', ''), _negated=True), models.Q(('email', ''), _negated=True)), _connector='OR'), name='complaints_complainant_known'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'answered'), _negated=True), models.Q(('answer', ''), _negated=True), _connector='OR'), name='complaints_answered_has_answer'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ('upheld', 'dismissed')), _negated=True), models.Q(('decision_reason', ''), _negated=True), _connector='OR'), name='complaints_decided_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'upheld'), models.Q(('payout_freeze__isnull', True), ('clawback__isnull', True)), _connector='OR'), name='complaints_money_only_when_upheld'),
        ),
        migrations.AddConstraint(
            model_name='complaint',
            constraint=models.CheckConstraint(condition=models.Q(('clawback__isnull', True), ('booking__isnull', False), _connector='OR'), name='complaints_clawback_of_a_booking'),
        ),
    ]
