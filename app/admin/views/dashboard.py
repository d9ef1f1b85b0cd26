"""Back office: the home page, with what waits for a decision and the business in figures for a period."""
from __future__ import annotations

from babel.numbers import format_compact_decimal
from flask import request
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _

from app.admin import bp
from app.admin.charts import Chart, daily_chart
from app.admin.metrics import PERIOD_CHOICES, Report, choose_period, dashboard_report
from app.admin.queries import waiting_counts
from app.admin.traffic import uae_day
from app.core.i18n import current_language, text_direction
from app.core.rendering import render_page_or_block


@bp.get("")
def show_dashboard():
    """What waits for a decision, and sales, customers, conversion and best sellers for the chosen period."""
    today = uae_day()
    choice = choose_period(request.args, today)
    report = dashboard_report(choice, today)
    return render_page_or_block("admin/dashboard.html", "report", waiting=waiting_counts(), report=report,
                                charts=daily_charts(report), period_choices=PERIOD_CHOICES)


def daily_charts(report: Report) -> dict[str, Chart]:
    """The GMV line and the orders bars, in the page's language and direction."""
    rtl = text_direction(current_language()) == "rtl"
    days = [figures.day for figures in report.days]
    first, last = format_date(days[0], "d MMM y"), format_date(days[-1], "d MMM y")
    return {
        "gmv": daily_chart(
            "line", days, [float(figures.gmv) for figures in report.days], rtl=rtl,
            title=_("GMV per day (AED)"),
            description=_("GMV of each day from %(first)s to %(last)s, in dirhams.", first=first, last=last),
            value_label=compact_number, day_label=short_day),
        "orders": daily_chart(
            "bars", days, [figures.orders for figures in report.days], rtl=rtl, whole=True,
            title=_("Orders per day"),
            description=_("Number of orders of each day from %(first)s to %(last)s.", first=first, last=last),
            value_label=lambda value: format_decimal(value, "#,##0"), day_label=short_day),
    }


def compact_number(value: float) -> str:
    """12K / 12 ألف: short enough for an axis."""
    return format_compact_decimal(value, locale=get_locale(), fraction_digits=1)


def short_day(day) -> str:
    return format_date(day, "d MMM")
