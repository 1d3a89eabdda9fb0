"""Back office: administrators set up programmes, their packages and new versions of their rules.

A rule version is checked against its rule's shape before it is saved, and once it is in force
(``valid_from`` today or earlier) it cannot be changed or removed: decisions recorded it. A
change of a rule is a new version from a later date, with its own decision reference.

Applications are not in the admin: an officer reads them on the officer pages, where every read
is recorded in the audit log."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from . import domain
from .models import Package, Programme, RuleVersion


class PackageInline(admin.TabularInline):
    model = Package
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    inlines = [PackageInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # applications and rule versions refer to it: close it instead


class RuleVersionForm(forms.ModelForm):
    decision_url = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = RuleVersion
        fields = ["programme", "key", "valid_from", "value", "decision_ref", "decision_url", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key, value = data.get("key"), data.get("value")
        if key and value is not None:
            try:
                domain.validate_rule_value(key, value)
            except domain.RuleValueError as error:
                raise ValidationError({"value": str(error)}) from None
        return data


@admin.register(RuleVersion)
class RuleVersionAdmin(admin.ModelAdmin):
    form = RuleVersionForm
    list_display = ["programme", "key", "valid_from", "decision_ref"]
    list_filter = ["programme", "key"]
    ordering = ["programme", "key", "-valid_from"]

    def _in_force(self, obj: RuleVersion | None) -> bool:
        return obj is not None and obj.valid_from <= timezone.localdate()

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not self._in_force(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not self._in_force(obj)
