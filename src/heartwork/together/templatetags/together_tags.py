from django import template
from django.utils import timezone

from heartwork.domain.together import duration_label, when_label

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """45 → '45 min', 95 → '1 hr 35 min'."""
    try:
        return duration_label(int(minutes))
    except (TypeError, ValueError):
        return ""


@register.filter
def friendly_when(value) -> str:
    """'Today at 19:30', 'Yesterday at 08:00', 'Sat 20 June at 12:00', in the current time zone."""
    if not value:
        return ""
    return when_label(timezone.localtime(value), timezone.localtime())
