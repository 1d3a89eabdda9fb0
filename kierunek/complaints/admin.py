"""Complaints in the admin, read-only: they change only through their workflow; opening one is a
staff read of the complainant's data, audited."""

from django.contrib import admin

from kierunek.core.admin import PersonalDataAuditedAdmin, ReadOnlyModelAdmin

from .models import Complaint


@admin.register(Complaint)
class ComplaintAdmin(PersonalDataAuditedAdmin, ReadOnlyModelAdmin):
    personal_data_owner = "complainant_id"
    list_display = ["pk", "subject", "provider", "status", "received_on", "decision_due"]
    list_filter = ["status"]
    search_fields = ["subject"]
    exclude = ["access_token_hash"]
