"""The audit actions of the Forum Edukacji (the registry: :mod:`kierunek.core.audit_registry`)."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

MEMBER_ADDED = audit_action("education.forum_member_added", _("member added to the Forum Edukacji"))
MEMBER_REMOVED = audit_action("education.forum_member_removed", _("member removed from the Forum Edukacji"))
TOPIC_ADDED = audit_action("education.forum_topic_added", _("Forum Edukacji topic added"))
TOPIC_REMOVED = audit_action("education.forum_topic_removed", _("Forum Edukacji topic removed"))
MEETING_SAVED = audit_action("education.forum_meeting_saved", _("Forum Edukacji meeting recorded"))
STANDARD_DRAFTED = audit_action("education.standard_drafted", _("draft version of a standard written"))
CONSULTATION_OPENED = audit_action("education.consultation_opened", _("standard opened for consultation"))
COMMENT_ADDED = audit_action("education.standard_commented", _("comment on a standard sent"))
COMMENT_ANSWERED = audit_action("education.comment_answered", _("comment on a standard answered"))
STANDARD_ADOPTED = audit_action("education.standard_adopted", _("version of a standard adopted"))
STANDARD_PUBLISHED = audit_action("education.standard_published", _("version of a standard published"))
STANDARD_WITHDRAWN = audit_action("education.standard_withdrawn", _("version of a standard withdrawn"))
