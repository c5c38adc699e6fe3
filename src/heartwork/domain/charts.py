"""Weeks and bar charts, shared by every practice that draws one.

Counting by week (Monday to Sunday) and laying out a bar chart in SVG user units are
pure arithmetic; templates only draw the shapes. Check-ins stack feelings per week,
notes of thanks put given and received side by side, and later practices (insights)
reuse the same layout.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def week_starts(today: datetime.date, weeks: int) -> list[datetime.date]:
    """The Mondays of the last ``weeks`` weeks, oldest first, ending with this week."""
    this_week = week_start(today)
    return [this_week - datetime.timedelta(weeks=n) for n in range(max(1, weeks) - 1, -1, -1)]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a chart (usually a week): its label and its (series, value) parts."""

    label: str
    parts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart laid out in SVG user units."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[Label, ...]
    empty: bool


def nice_max(value: int) -> int:
    """A round top for the scale, a little above the tallest bar."""
    if value <= 10:
        return max(4, value + value % 2)
    half_step = 10 ** int(math.log10(value)) // 2
    return int(math.ceil(value / half_step) * half_step)


def bar_chart(
    columns: Sequence[Column],
    *,
    stacked: bool,
    width: int = 360,
    height: int = 200,
    label_every: int = 1,
) -> Chart:
    """Where each bar, gridline and label goes. Stacked: a column's parts on top of each
    other; otherwise side by side. Small units so text stays legible on a phone."""
    plot_left, plot_right, plot_top, bottom_gap = 26.0, width - 6.0, 10.0, 24.0
    baseline = height - bottom_gap
    heights = [
        sum(v for _, v in c.parts) if stacked else max((v for _, v in c.parts), default=0)
        for c in columns
    ]
    top = nice_max(max([*heights, 0]))
    span = baseline - plot_top
    slot = (plot_right - plot_left) / max(1, len(columns))
    per_column = 1 if stacked else max(1, max((len(c.parts) for c in columns), default=1))
    bar_width = slot * (0.6 if stacked else 0.68 / per_column)
    bars: list[Bar] = []
    labels: list[Label] = []
    for index, column in enumerate(columns):
        left = plot_left + index * slot + (slot - per_column * bar_width) / 2
        stacked_top = baseline
        for offset, (series, value) in enumerate(column.parts):
            bar_height = span * value / top
            x = left if stacked else left + offset * bar_width
            y = (stacked_top - bar_height) if stacked else (baseline - bar_height)
            if stacked:
                stacked_top = y
            bars.append(
                Bar(
                    x=round(x, 2),
                    y=round(y, 2),
                    width=round(bar_width - 1, 2),
                    height=round(bar_height, 2),
                    value=value,
                    series=series,
                    title=f"{column.label}: {series} {value}",
                )
            )
        if (len(columns) - 1 - index) % label_every == 0:
            labels.append(Label(round(plot_left + index * slot + slot / 2, 2), column.label))
    ticks = tuple(Tick(round(baseline - span * v / top, 2), v) for v in (0, top // 2, top))
    return Chart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        baseline=baseline,
        bars=tuple(bars),
        ticks=ticks,
        labels=tuple(labels),
        empty=not any(heights),
    )


def week_label(start: datetime.date) -> str:
    return f"{start.day} {start:%b}"
