from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kierunek.core.actor import actor_from_request
from kierunek.core.admin import PersonalDataAuditedAdmin

from .models import STAFF_ROLES, ApiToken, Role, User
from .services import login as login_services
from .services import staff as staff_services


class StaffAccountCreationForm(forms.ModelForm):
    """An administrator gives the e-mail, name and role; the person sets the password from the
    e-mail they receive."""

    role = forms.ChoiceField(label=_("role"), choices=[(r.value, r.label) for r in Role if r in STAFF_ROLES])

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role"]


@admin.register(User)
class UserAdmin(PersonalDataAuditedAdmin):
    list_display = ["email", "first_name", "last_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    fields = ["email", "first_name", "last_name", "role", "is_active", "last_login", "date_joined"]
    readonly_fields = ["email", "role", "last_login", "date_joined"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = StaffAccountCreationForm
            kwargs["fields"] = StaffAccountCreationForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return StaffAccountCreationForm.Meta.fields if obj is None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = staff_services.staff_account_create(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            role=form.cleaned_data["role"],
            actor=actor_from_request(request),
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: history and audit keep pointing at the account

    @admin.action(description=_("Reset the second factor (lost phone and backup codes)"))
    def reset_second_factor(self, request: HttpRequest, queryset: Any) -> None:
        """Recovery after the person proved who they are by another channel: their devices go,
        and they enrol a new app at the next login. Audited per person; each is told by e-mail."""
        done = 0
        for user in queryset:
            try:
                login_services.otp_reset_by_administrator(user=user, actor=actor_from_request(request))
            except PermissionDenied as error:
                self.message_user(request, f"{user}: {error}", level=messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "The second factor of %(count)d account was reset.",
                    "The second factor of %(count)d accounts was reset.",
                    done,
                )
                % {"count": done},
                level=messages.SUCCESS,
            )

    actions = ["reset_second_factor"]


@admin.register(ApiToken)
class ApiTokenAdmin(PersonalDataAuditedAdmin):
    personal_data_owner = "user_id"
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
