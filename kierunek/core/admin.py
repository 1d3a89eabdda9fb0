from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpRequest, HttpResponse

from .audit import audit_record
from .audit_actions import PARTICIPANT_FILE_READ
from .models import AuditEvent
from .personal_data import participants_list_read


class PersonalDataAuditedAdmin(admin.ModelAdmin):
    """The admin of a model holding people's data: every list shown and every row opened is a
    staff read, audited like a read through the pages (the person finds it in their data export).
    ``personal_data_owner`` names the attribute that holds the id of the person a row is about."""

    personal_data_owner = "pk"

    def _owner_id(self, obj: Any) -> int | None:
        return getattr(obj, self.personal_data_owner, None)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            participants_list_read(
                actor=request.user,
                request=request,
                participant_ids=[self._owner_id(obj) for obj in changelist.result_list],
                list_name=f"admin:{self.model._meta.label_lower}",
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        original = (getattr(response, "context_data", None) or {}).get("original")
        if response.status_code == 200 and original is None:
            original = self.get_object(request, unquote(object_id))
        if response.status_code == 200 and original is not None:
            audit_record(
                action=PARTICIPANT_FILE_READ,
                actor=request.user,
                obj=original,
                request=request,
                details={"participant": self._owner_id(original), "what": "admin"},
            )
        return response


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows that change only through services or migrations: the admin shows, never edits."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(PersonalDataAuditedAdmin, ReadOnlyModelAdmin):
    # The log shows what people did: reading it is a read of their data too.
    personal_data_owner = "actor_id"
    list_display = ["occurred_at", "actor_label", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "object_id"]
    date_hierarchy = "occurred_at"
