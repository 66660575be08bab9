"""The module view: how the cohort scored, which knowledge checks were missed, rubric averages."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import ipywidgets as widgets
from markupsafe import Markup

from peer2peer.dashboard.render import download_link, html_table
from peer2peer.dashboard.templating import render
from peer2peer.progress.module_report import (
    CriterionAverage,
    MissedCheck,
    criterion_averages,
    missed_checks,
    score_percentages,
)
from peer2peer.progress.snapshot import CohortData

MISSED_COLUMNS = ["cell", "prompt", "answered", "missed"]
CRITERIA_COLUMNS = ["criterion", "name", "marked", "average", "top"]


def score_summary(percentages: Sequence[float]) -> Markup:
    """The score distribution in words, for those who do not read the chart."""
    middle = statistics.median(percentages) if percentages else None
    return render("score_summary.html", percentages=list(percentages), middle=middle)


#: The chart's drawing area, in the units of its viewBox (it scales to its box's width).
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 624, 16, 252
#: Space between two bars.
GAP = 4


@dataclass(frozen=True)
class Bar:
    """One band's bar: what it stands for, and where it is drawn."""

    band: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ChartDrawing:
    """Everything score_chart.html draws: bars, count lines (count, y), band marks (%, x)."""

    bars: list[Bar]
    ticks: list[tuple[int, float]]
    marks: list[tuple[int, float]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM


def score_bands(percentages: Sequence[float]) -> list[int]:
    """How many hand-ins scored in each band of ten per cent (100% counts in the last)."""
    counts = [0] * 10
    for percent in percentages:
        counts[min(max(int(percent // 10), 0), 9)] += 1
    return counts


def score_chart(percentages: Sequence[float]) -> Markup:
    """A bar chart of hand-ins by score, in bands of ten per cent, drawn without a script."""
    counts = score_bands(percentages)
    step = _count_step(max(counts))
    highest = max(step, -(-max(counts) // step) * step)
    per_hand_in = (BOTTOM - TOP) / highest
    band_width = (RIGHT - LEFT) / len(counts)
    bars = [
        Bar(
            f"{10 * band}-{10 * band + 10}%",
            count,
            round(LEFT + band * band_width + GAP / 2, 1),
            round(BOTTOM - count * per_hand_in, 1),
            round(band_width - GAP, 1),
            round(count * per_hand_in, 1),
        )
        for band, count in enumerate(counts)
        if count
    ]
    ticks = [(n, round(BOTTOM - n * per_hand_in, 1)) for n in range(0, highest + 1, step)]
    marks = [(10 * band, round(LEFT + band * band_width, 1)) for band in range(len(counts) + 1)]
    return render("score_chart.html", chart=ChartDrawing(bars, ticks, marks))


def _count_step(most: int) -> int:
    """Between count lines: 1, 2, 5, 10, 20... so that there are at most ten of them."""
    return next(m * 10**e for e in range(9) for m in (1, 2, 5) if most <= 10 * m * 10**e)


def missed_table(checks: Sequence[MissedCheck]) -> Markup:
    """Knowledge checks, most missed first, with how many of those who answered missed them."""
    rows = [
        [
            check.prompt,
            f"{check.missed} of {check.answered} ({check.missed_share:.0%})"
            if check.answered
            else "not answered yet",
        ]
        for check in checks
    ]
    return html_table(
        ["Knowledge check", "Not fully right"], rows, empty="This module has no knowledge checks."
    )


def criteria_table(averages: Sequence[CriterionAverage]) -> Markup:
    """Each rubric criterion: the average level reached and how many reflections reached each."""
    rows = []
    for average in averages:
        mean = (
            "not marked yet"
            if average.average is None
            else f"{average.average:g} of {average.top:g}"
        )
        spread = ", ".join(f"{label}: {count}" for label, count in average.counts.items())
        rows.append([average.name, mean, spread])
    return html_table(
        ["Criterion", "Average level (points)", "Reflections at each level"],
        rows,
        empty="This module has no reflections marked against a rubric.",
    )


def module_view(data: CohortData) -> widgets.Widget:
    """A module menu, its score chart, checks most missed and rubric criteria averages."""
    choose = widgets.Dropdown(
        options=[(data.module_label(m), m) for m in data.settings.modules],
        value=_busiest(data),
        description="Module",
        layout=widgets.Layout(width="auto"),
    )
    chart = widgets.HTML()
    summary, missed, criteria = widgets.HTML(), widgets.HTML(), widgets.HTML()
    missed_csv, criteria_csv = widgets.HTML(), widgets.HTML()

    def show(_=None) -> None:
        module = choose.value
        percentages = score_percentages(data.progress, module)
        chart.value = score_chart(percentages)
        summary.value = score_summary(percentages)
        checks = missed_checks(data.item_map, data.scores, module)
        missed.value = missed_table(checks)
        name = f"{data.settings.course_id}-{module}"
        missed_csv.value = download_link(checks, f"{name}-checks.csv", MISSED_COLUMNS)
        rubric = data.rubrics.get(module)
        averages = criterion_averages(rubric, data.levels, module) if rubric else []
        criteria.value = criteria_table(averages)
        criteria_csv.value = download_link(averages, f"{name}-criteria.csv", CRITERIA_COLUMNS)

    choose.observe(show, names="value")
    show()
    return widgets.VBox(
        [
            choose,
            widgets.HTML("<h2>Scores</h2>"),
            summary,
            chart,
            widgets.HTML("<h2>Knowledge checks most often missed</h2>"),
            missed_csv,
            missed,
            widgets.HTML("<h2>Reflections: rubric criteria</h2>"),
            criteria_csv,
            criteria,
        ]
    )


def _busiest(data: CohortData) -> str:
    """The module with the most graded hand-ins, so the view opens on something to see."""
    counts = {m: len(score_percentages(data.progress, m)) for m in data.settings.modules}
    return max(data.settings.modules, key=lambda m: (counts[m], -data.settings.modules.index(m)))
