"""E2E: an admin signs in with password and TOTP, opens the dashboard (Arabic on a phone, English on a desktop),
reads the figures and the two charts, and changes the period with htmx (the URL follows; the page is not
reloaded); custom dates that end before they start come back with the reason. axe checks every state."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.admin.traffic import uae_day
from tests.e2e.conftest import (ADMIN_EMAIL, ADMIN_PASSWORD, DESKTOP, PHONE, assert_accessible,
                                has_no_horizontal_scroll)
from tests.e2e.test_vendor_onboarding import sign_in
from tests.integration.test_admin_dashboard import Sales, uae

TEXT = {
    "ar": {"gmv": "إجمالي قيمة المبيعات", "week": "آخر 7 أيام", "error": "يجب أن تبدأ الفترة المخصّصة قبل أن تنتهي.",
           "orders_chart": "الطلبات يوميًا"},
    "en": {"gmv": "GMV", "week": "Last 7 days", "error": "The custom period must start before it ends.",
           "orders_chart": "Orders per day"},
}



@pytest.mark.parametrize("language, viewport", [("ar", PHONE), ("en", DESKTOP)])
def test_an_admin_reads_the_dashboard_and_changes_the_period(app, committed_db, open_page, admin_secret, language,
                                                            viewport):
    text = TEXT[language]
    sales = Sales(app, committed_db)
    today = uae_day()
    sales.order(uae(today - timedelta(days=2)))  # AED 460, in the last 7 days
    sales.order(uae(today - timedelta(days=20)), made=sales.rose)  # AED 210, only in the last 30

    page = open_page(language, viewport)
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD, admin_secret)
    page.goto("/admin")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#figure-gmv")).to_contain_text(text["gmv"])
    expect(page.locator("#figure-orders .stat-card__value")).to_have_text("2")
    expect(page.locator("svg.chart-svg[role=img]")).to_have_count(2)
    expect(page.get_by_role("img", name=text["orders_chart"])).to_be_visible()
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.evaluate("window.notReloaded = true")
    page.locator("#dashboard-period-choice").select_option("7d")
    expect(page).to_have_url(re.compile(r"period=7d"))
    expect(page.locator("#figure-orders .stat-card__value")).to_have_text("1")
    expect(page.locator("#dashboard-period-choice option:checked")).to_have_text(text["week"])
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the report in place
    expect(page.locator(".chart-svg--bars rect")).to_have_count(7)
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.locator("#dashboard-period-choice").select_option("custom")
    expect(page).to_have_url(re.compile(r"period=custom"))  # waiting for dates: no complaint yet
    expect(page.locator("#dashboard-period-error")).to_have_count(0)
    page.locator("#dashboard-period-from").fill("2026-03-10")
    page.locator("#dashboard-period-to").fill("2026-03-01")
    page.locator(".dashboard-period button[type=submit]").click()
    expect(page.locator("#dashboard-period-error")).to_contain_text(text["error"])
    expect(page.locator("#dashboard-period-from")).to_have_value("2026-03-10")
    assert page.evaluate("window.notReloaded") is True
    assert_accessible(page)
