"""The services of metropolitan education, each part of the plan in its own module; re-exported
here for other contexts, the demo and the tests."""

from .diagnosis import (
    course_plan_record_delivery,
    course_plan_save,
    needs_answer,
    needs_assessment_open,
)
from .forum import (
    comment_add,
    comment_answer,
    forum_meeting_save,
    forum_member_add,
    standard_draft,
    version_adopt,
    version_open_consultation,
    version_publish,
    version_withdraw,
)

__all__ = [
    "comment_add",
    "comment_answer",
    "course_plan_record_delivery",
    "course_plan_save",
    "forum_meeting_save",
    "forum_member_add",
    "needs_answer",
    "needs_assessment_open",
    "standard_draft",
    "version_adopt",
    "version_open_consultation",
    "version_publish",
    "version_withdraw",
]
