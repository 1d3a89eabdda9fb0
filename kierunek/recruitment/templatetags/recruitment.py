"""``points``: hundredths as Polish write points (153,45); a dash for none (also for a figure of a
class that has none yet, which a template reads as an empty string)."""

from django import template

from ..domain import format_points

register = template.Library()


@register.filter
def points(value: int | None) -> str:
    return "-" if value is None or value == "" else format_points(int(value))
