"""The trend chart's geometry: scores up, time in the reading direction, gaps where none was given."""

from datetime import date

from ..charts import trend_chart
from ..selectors import FactorTrend, Series

TREND = FactorTrend(
    "trust",
    "Vertrauen",
    False,
    [date(2026, 3, 1), date(2026, 4, 12), date(2026, 5, 24)],
    [Series("Netzwerk", "network", [5, None, 3]), Series("Köprü", "organisation", [1, 2, 3])],
)


def test_scores_go_up_and_a_missing_one_leaves_a_gap():
    chart = trend_chart(TREND)
    ours, theirs = chart.lines
    assert len(ours.segments) == 2 and len(theirs.segments) == 1
    assert [p.score for p in ours.points] == [5, 3]
    top, bottom = ours.points[0].y, theirs.points[0].y
    assert top < bottom  # 5 above 1
    assert [t.label for t in chart.ticks] == ["1.3.", "12.4.", "24.5."]
    assert [t.anchor for t in chart.ticks] == ["start", "middle", "end"]
    assert ours.dash == "" and theirs.dash  # told apart without colour too
    assert ours.marker != theirs.marker


def test_right_to_left_runs_time_from_the_right():
    ltr, rtl = trend_chart(TREND), trend_chart(TREND, rtl=True)
    assert ltr.ticks[0].x < ltr.ticks[-1].x
    assert rtl.ticks[0].x > rtl.ticks[-1].x
    assert ltr.ticks[0].x + rtl.ticks[0].x == ltr.width
    assert [t.anchor for t in rtl.ticks] == ["end", "middle", "start"]
