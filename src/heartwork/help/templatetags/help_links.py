"""Help text where every number is a call or a text and every site a link, one tap away.

``{{ line.hours|tappable:country }}`` for the help directory's own text (a country's, or
the directory's for text about no one country); ``{{ message|help_labels }}`` for our
messages, where only a line named exactly as its contact is ("call 116 123") is linked.
The rules are in heartwork.domain.help; here the pieces become escaped HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from heartwork.domain.help import CountryHelp, HelpDirectory, Piece, help_directory

register = template.Library()


@register.filter
def tappable(text: object, source: CountryHelp | HelpDirectory | None) -> SafeString:
    if source is None:
        source = help_directory()
    return _render(source.tappable(str(text)))


@register.filter
def help_labels(message: object) -> SafeString:
    return _render(help_directory().tappable_labels(str(message)))


def _render(pieces: Iterable[Piece]) -> SafeString:
    # format_html_join escapes every plain piece; a link is built (and escaped) by format_html.
    return format_html_join(
        "", "{}", ((_link(piece) if piece.href else piece.text,) for piece in pieces)
    )


def _link(piece: Piece) -> SafeString:
    if piece.href.startswith(("tel:", "sms:")):
        return format_html('<a class="tappable" href="{}">{}</a>', piece.href, piece.text)
    return format_html(
        '<a class="tappable" href="{}" rel="noreferrer">{}</a>', piece.href, piece.text
    )
