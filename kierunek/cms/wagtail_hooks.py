"""The portal's additions to Wagtail (found by Wagtail in every installed app's ``wagtail_hooks``):

- the CMS admin's date pickers start from a static script, not from the inline ``<script>`` of
  Wagtail's widget templates, which the site's Content-Security-Policy refuses (decision 0031);
- a document is served only while a live public page uses it, or to an editor who may see it
  (:func:`kierunek.cms.selectors.document_is_public`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets import datetime as wagtail_dates
from wagtail.documents.models import AbstractDocument

from . import selectors


def date_widgets_without_inline_script() -> None:
    """Wagtail's three date widgets render the portal's templates, which leave a marker for
    ``cms/js/admin-date-choosers.js`` instead of an inline script. Called in ``ready()``: a
    widget's template is looked up in the apps' order, where Wagtail's admin comes first."""
    wagtail_dates.AdminDateInput.template_name = "cms/admin/date_input.html"
    wagtail_dates.AdminTimeInput.template_name = "cms/admin/time_input.html"
    wagtail_dates.AdminDateTimeInput.template_name = "cms/admin/datetime_input.html"


@hooks.register("insert_global_admin_js")
def date_choosers_script() -> str:
    return format_html('<script src="{}"></script>', versioned_static("cms/js/admin-date-choosers.js"))


@hooks.register("before_serve_document")
def documents_of_live_pages_only(document: AbstractDocument, request: HttpRequest) -> None:
    """A draft's file stays unknown to the public: 404, as for a document that does not exist."""
    if selectors.document_is_public(document) or selectors.document_editor_may_see(
        user=request.user, document=document
    ):
        return None
    raise Http404
