"""The dashboard's server-drawn charts: bars and lines scale to the largest value, time runs from the right in
Arabic, and the SVG has no inline style or script, a role, a title and a description."""
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from app.admin.charts import HEIGHT, WIDTH, daily_chart, label_indices, nice_step, value_axis

DAYS = [date(2026, 11, 1) + timedelta(days=offset) for offset in range(10)]
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def chart(kind="bars", values=(0, 5, 10, 0, 0, 0, 0, 0, 0, 10), rtl=False, days=DAYS):
    return daily_chart(kind, days, list(values), title="Orders per day", description="Orders of each day.", rtl=rtl,
                       value_label=lambda value: f"{value:g}", day_label=lambda day: day.strftime("%d %b"),
                       whole=True)


def rendered(drawing) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.from_string('{% from "admin/_chart.html" import chart %}{{ chart(drawing, "c") }}').render(
        drawing=drawing)


def test_bars_are_as_tall_as_their_values_against_the_top_of_the_axis():
    drawing = chart()
    top, _step = value_axis([0, 5, 10], whole=True)
    heights = [mark.height for mark in drawing.marks]
    assert heights[0] == 0
    assert heights[2] == pytest.approx(drawing.plot.height * 10 / top)
    assert heights[1] == pytest.approx(heights[2] / 2)
    assert all(mark.y + mark.height == pytest.approx(drawing.plot.bottom) for mark in drawing.marks)
    assert max(heights) <= drawing.plot.height


def test_the_value_axis_ends_on_a_round_number_above_the_largest_value():
    assert value_axis([0, 37], whole=True) == (40, 10)
    assert value_axis([412.5], whole=False) == (600, 150)
    assert value_axis([3], whole=True) == (4, 1)  # orders are whole: no gridline at 0.75
    assert nice_step(0, whole=False) == 1
    assert [gridline.label for gridline in chart(values=[40] * 10).gridlines] == ["0", "10", "20", "30", "40"]


def test_a_period_without_sales_draws_flat_zeros():
    drawing = chart(kind="line", values=[0] * 10)
    assert {mark.y for mark in drawing.marks} == {drawing.plot.bottom}
    assert "nan" not in rendered(drawing).lower()


def test_time_runs_from_the_left_in_english_and_from_the_right_in_arabic():
    english, arabic = chart(rtl=False), chart(rtl=True)
    english_x = [mark.x + mark.width / 2 for mark in english.marks]
    arabic_x = [mark.x + mark.width / 2 for mark in arabic.marks]
    assert english_x == sorted(english_x) and arabic_x == sorted(arabic_x, reverse=True)
    assert [WIDTH - x for x in english_x] == pytest.approx(arabic_x)  # a mirror image
    assert english.value_label_x < english.plot.left and arabic.value_label_x > arabic.plot.right
    assert arabic.day_labels[0].label == "01 Nov" and arabic.day_labels[0].x > arabic.day_labels[-1].x


def test_lines_join_the_days_in_order_and_close_along_the_baseline():
    drawing = chart(kind="line", values=range(10), rtl=True)
    points = [tuple(map(float, point.split(","))) for point in drawing.line_points.split()]
    assert len(points) == 10 and points[0][0] > points[-1][0]
    assert points[-1][1] < points[0][1]  # the largest value is highest
    assert drawing.area_points.endswith(f"{points[0][0]:.1f},{drawing.plot.bottom:.1f}")


def test_at_most_five_days_are_labelled_the_first_and_last_among_them():
    assert label_indices(90) == [0, 22, 44, 67, 89]
    assert label_indices(3) == [0, 1, 2]
    assert label_indices(1) == [0]
    assert len(chart(days=[date(2026, 1, 1) + timedelta(days=n) for n in range(90)], values=[1] * 90).day_labels) == 5


def test_the_svg_is_an_image_with_a_title_and_description_and_no_inline_style_or_script():
    html = rendered(chart(rtl=True))
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in html and 'role="img"' in html
    assert 'aria-labelledby="c-title"' in html and '<title id="c-title">Orders per day</title>' in html
    assert 'aria-describedby="c-desc"' in html and '<desc id="c-desc">Orders of each day.</desc>' in html
    assert 'direction="rtl"' in html
    assert not re.search(r"\sstyle=|<script|<style|\son\w+=", html)
    assert len(re.findall(r"<rect ", html)) == 10
