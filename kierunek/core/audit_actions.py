"""The audit actions core writes (the registry and its naming rule: :mod:`kierunek.core.audit_registry`).
Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

PARTICIPANT_DATA_EXPORTED = audit_action("participant.data_exported", _("you downloaded your data"))
# Staff reads of a participant's data. A single file opened is ``participant.file_read`` (with the
# object read, or ``details["participant"]``); a page listing people is one ``participant.list_read``
# naming everybody shown (``details["participants"]``), so that a list page costs one insert.
PARTICIPANT_FILE_READ = audit_action("participant.file_read", _("staff read your file"))
PARTICIPANT_LIST_READ = audit_action("participant.list_read", _("staff saw you in a list"))
