"""Weeks and bar-chart geometry shared by check-ins, notes of thanks and insights."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.charts import Column, bar_chart, nice_max, week_start, week_starts

SUNDAY = datetime.date(2026, 3, 8)


def test_weeks_start_on_monday_and_end_with_this_week():
    starts = week_starts(SUNDAY, 3)
    assert starts == [
        datetime.date(2026, 2, 16),
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 2),
    ]
    assert all(s.weekday() == 0 for s in starts) and week_start(SUNDAY) == starts[-1]


values = st.integers(min_value=0, max_value=500)
columns = st.lists(
    st.builds(lambda a, b, c: Column("w", (("x", a), ("y", b), ("z", c))), values, values, values),
    min_size=1,
    max_size=16,
)


@given(columns, st.booleans())
def test_every_bar_stays_inside_the_plot(cols, stacked):
    chart = bar_chart(cols, stacked=stacked)
    for bar in chart.bars:
        # Each coordinate is rounded to 0.01 on its own, so a sum may be 0.02 over.
        assert chart.plot_left - 0.02 <= bar.x and bar.x + bar.width <= chart.plot_right + 0.02
        assert chart.plot_top - 0.02 <= bar.y and bar.y + bar.height <= chart.baseline + 0.02
        assert bar.height >= 0


@given(columns)
def test_a_stacked_column_is_as_tall_as_its_sum(cols):
    chart = bar_chart(cols, stacked=True)
    scale = (chart.baseline - chart.plot_top) / chart.ticks[-1].value
    for index, column in enumerate(cols):
        parts = chart.bars[index * 3 : index * 3 + 3]
        assert abs(sum(b.height for b in parts) - scale * sum(v for _, v in column.parts)) < 0.05


def test_an_empty_chart_says_so_and_the_scale_is_round():
    assert bar_chart([Column("w", (("x", 0),))], stacked=False).empty
    assert [nice_max(v) for v in (0, 3, 9, 11, 73, 480)] == [4, 4, 10, 15, 75, 500]
