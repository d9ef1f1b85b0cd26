"""Charts drawn on the server: the geometry of a daily bar chart and line chart, rendered as SVG by
templates/admin/_chart.html (presentation attributes only: no script, no inline style).

The drawing is in a fixed viewBox that scales to its box's width. Time runs in the reading direction: from
the left in English, from the right in Arabic, where the value axis moves to the right-hand side too.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 600, 260
AXIS_ROOM = 76  # beside the plot, at the start of the reading direction: the value labels
END_ROOM = 32  # at the other end, so that the last day's label is not cut off
TOP_ROOM, BOTTOM_ROOM = 14, 42
GRIDLINES = 4
MOST_DAY_LABELS = 5  # room for each on a phone
BAR_GAP = 0.25  # of each day's slot
NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)  # gridlines at 0, 150, 300 … rather than 0, 200 … 800


@dataclass(frozen=True)
class Plot:
    """The drawing area inside the viewBox."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class DayLabel:
    x: float
    label: str


@dataclass(frozen=True)
class Mark:
    """One day's bar (x, y, width, height) or point (x, y), with its value for a tooltip."""

    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" or "line"
    title: str
    description: str
    rtl: bool
    plot: Plot
    gridlines: tuple[Gridline, ...]
    day_labels: tuple[DayLabel, ...]
    marks: tuple[Mark, ...]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def value_label_x(self) -> float:
        """Where the value labels end: just outside the plot, on the axis side (text-anchor "end" in either
        direction, since the SVG's text runs in the page's direction)."""
        return self.plot.right + 8 if self.rtl else self.plot.left - 8

    @property
    def line_points(self) -> str:
        return " ".join(f"{mark.x:.1f},{mark.y:.1f}" for mark in self.marks)

    @property
    def area_points(self) -> str:
        """The line closed along the baseline, for the shading under it."""
        if not self.marks:
            return ""
        ends = f"{self.marks[-1].x:.1f},{self.plot.bottom:.1f} {self.marks[0].x:.1f},{self.plot.bottom:.1f}"
        return f"{self.line_points} {ends}"


def plot_area(rtl: bool) -> Plot:
    if rtl:
        return Plot(END_ROOM, WIDTH - AXIS_ROOM, TOP_ROOM, HEIGHT - BOTTOM_ROOM)
    return Plot(AXIS_ROOM, WIDTH - END_ROOM, TOP_ROOM, HEIGHT - BOTTOM_ROOM)


def nice_step(raw: float, whole: bool) -> float:
    """The smallest round step (NICE_STEPS × 10ⁿ) at least `raw`; whole numbers only when `whole`."""
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(nice * magnitude for nice in NICE_STEPS if raw <= nice * magnitude * (1 + 1e-9))
    return float(max(1, math.ceil(step))) if whole else step


def value_axis(values: Sequence[float], whole: bool) -> tuple[float, float]:
    """The top of the value axis and the step between gridlines, so the largest value fits."""
    step = nice_step(max(values, default=0) / GRIDLINES, whole)
    return step * GRIDLINES, step


def slot_centre(index: int, count: int, plot: Plot, rtl: bool) -> float:
    """The middle of a day's slot; the first day at the start of the reading direction."""
    offset = (index + 0.5) * plot.width / count
    return plot.right - offset if rtl else plot.left + offset


def label_indices(count: int) -> list[int]:
    """Which days get a label under the axis: at most five, spread evenly, first and last included."""
    shown = min(count, MOST_DAY_LABELS)
    if shown <= 1:
        return [0] if count else []
    return sorted({round(step * (count - 1) / (shown - 1)) for step in range(shown)})


def daily_chart(kind: str, days: Sequence[date], values: Sequence[float], *, title: str, description: str,
                rtl: bool, value_label: Callable[[float], str], day_label: Callable[[date], str],
                whole: bool = False) -> Chart:
    """A chart of one value per day: bars (kind "bars") or a line (kind "line")."""
    plot = plot_area(rtl)
    top, step = value_axis(values, whole)
    gridlines = tuple(Gridline(plot.bottom - plot.height * index / GRIDLINES, value_label(step * index))
                      for index in range(GRIDLINES + 1))
    count = len(days)
    slot = plot.width / count if count else 0
    marks = []
    for index, (day, value) in enumerate(zip(days, values)):
        centre = slot_centre(index, count, plot, rtl)
        height = plot.height * value / top
        tooltip = f"{day_label(day)}: {value_label(value)}"
        if kind == "bars":
            width = max(slot * (1 - BAR_GAP), 1.0)
            marks.append(Mark(centre - width / 2, plot.bottom - height, width, height, tooltip))
        else:
            marks.append(Mark(centre, plot.bottom - height, 0, 0, tooltip))
    day_labels = tuple(DayLabel(slot_centre(index, count, plot, rtl), day_label(days[index]))
                       for index in label_indices(count))
    return Chart(kind, title, description, rtl, plot, gridlines, day_labels, tuple(marks))
