import uuid

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ labels|get_item:depth }}."""
    return mapping.get(key, "")


@register.filter
def slug_label(slug: str) -> str:
    """'the-relationship' → 'The relationship'."""
    return str(slug).replace("-", " ").capitalize()


@register.simple_tag
def submission_key():
    """A fresh key for a form that creates something (heartwork.core.idempotency)."""
    return format_html('<input type="hidden" name="submission" value="{}">', uuid.uuid4())


# Pages that show what the other member does: Today, and every page inside a bond. The
# hard-conversation pages keep their own, finer poll (conflict.views.talk_changed).
_NOT_LIVE_APPS = {"conflict"}


@register.inclusion_tag("_live.html", takes_context=True)
def live_updates(context):
    """The poll that keeps an open page current (heartwork.core.live), where it helps."""
    from heartwork.core.live import POLL_SECONDS, live_token

    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or not user.is_authenticated or match is None:
        return {"show": False}
    bond = context.get("bond")
    in_bond = getattr(bond, "pk", None) is not None and match.app_name not in _NOT_LIVE_APPS
    if not (in_bond or match.view_name == "today:today"):
        return {"show": False}
    token = getattr(request, "live_token", None) or live_token(user)  # Today reads it first
    return {"show": True, "token": token, "seconds": POLL_SECONDS}
