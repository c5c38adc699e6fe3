"""A small server-rendered SVG chart of feelings per week. No JavaScript needed."""

from __future__ import annotations

from dataclasses import dataclass

from heartwork.domain.checkins import WeekBar

CORE_COLOURS = {
    "joyful": "#e0a040", "peaceful": "#6aa88f", "strong": "#5b7fb5",
    "sad": "#7d8bb0", "scared": "#a27bb4", "angry": "#c8553d", "hurt": "#b07a6e",
}
WIDTH, HEIGHT, BAR_GAP, LABEL_SPACE = 320, 160, 8, 18


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Chart:
    rects: list[Rect]
    labels: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT + LABEL_SPACE
    baseline: int = HEIGHT


def weekly_chart(bars: list[WeekBar]) -> Chart:
    tallest = max((bar.total for bar in bars), default=0) or 1
    bar_width = (WIDTH - BAR_GAP * (len(bars) + 1)) / max(len(bars), 1)
    rects, labels = [], []
    for index, bar in enumerate(bars):
        x = BAR_GAP + index * (bar_width + BAR_GAP)
        y = HEIGHT
        for core, count in bar.by_core:
            if not count:
                continue
            height = count / tallest * (HEIGHT - 10)
            y -= height
            rects.append(Rect(round(x, 1), round(y, 1), round(bar_width, 1), round(height, 1), CORE_COLOURS.get(core, "#999"),
                              f"Week of {bar.week_start:%-d %b}: {core} ×{count}"))
        labels.append((round(x + bar_width / 2, 1), f"{bar.week_start:%-d %b}"))
    return Chart(rects, labels)
