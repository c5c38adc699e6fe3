from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ labels|get_item:depth }}."""
    return mapping.get(key, "")


@register.filter
def slug_label(slug: str) -> str:
    """'the-relationship' → 'The relationship'."""
    return str(slug).replace("-", " ").capitalize()
