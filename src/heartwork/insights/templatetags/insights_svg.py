"""The bars of an insights chart as SVG, built in Python: a twelve-week page has a few
hundred of them, and a template loop per bar was a large share of the page's time
(bench/insights.py). The output is what ``insights/_chart.html`` used to loop out."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from heartwork.domain.charts import Bar

register = template.Library()


@register.filter
def svg_bars(bars: list[Bar]) -> SafeString:
    # format_html_join escapes every value it places (numbers, and the series name).
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="bar s-{}"/>',
        ((bar.x, bar.y, bar.width, bar.height, bar.series) for bar in bars if bar.value),
    )
