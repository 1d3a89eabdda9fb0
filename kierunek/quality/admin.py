"""Back office: the office edits the MSUES standards and the registers of audit firms and
auditors here. Cases change only through their pages and services, so the admin shows them
read-only."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.admin import PersonalDataAuditedAdmin, ReadOnlyModelAdmin

from .models import AuditFirm, Auditor, QualityMarkCase, QualityStandard


@admin.register(QualityMarkCase)
class QualityMarkCaseAdmin(ReadOnlyModelAdmin):
    list_display = ["provider", "state", "mark_number", "valid_from", "valid_until"]
    list_filter = ["state"]


@admin.register(QualityStandard)
class QualityStandardAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "area", "active"]
    list_filter = ["area", "active"]
    ordering = ["position"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # assessments and reports refer to them: retire a standard instead (active)


@admin.register(AuditFirm)
class AuditFirmAdmin(admin.ModelAdmin):
    list_display = ["name", "nip", "active"]
    search_fields = ["name", "nip"]


class AuditorForm(forms.ModelForm):
    class Meta:
        model = Auditor
        fields = ["user", "firm", "licence_number", "active"]

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if user.role != Role.AUDITOR:
            raise forms.ValidationError(
                _("Only an account with the auditor role can be in the register of auditors.")
            )
        return user


@admin.register(Auditor)
class AuditorAdmin(PersonalDataAuditedAdmin):
    personal_data_owner = "user_id"
    form = AuditorForm
    list_display = ["user", "firm", "licence_number", "active"]
    list_filter = ["active", "firm"]
    autocomplete_fields = ["firm"]
    raw_id_fields = ["user"]
