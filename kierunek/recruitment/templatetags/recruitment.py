"""``points``: hundredths as Polish write points (153,45); a dash for none."""

from django import template

from ..domain import format_points

register = template.Library()


@register.filter
def points(value: int | None) -> str:
    return "-" if value is None else format_points(int(value))
