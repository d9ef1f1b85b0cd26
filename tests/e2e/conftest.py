"""Playwright (Python) driving a real Chromium against the live server.

Fixtures: `browser`, `page_en` / `page_ar` (a phone- or desktop-sized page per language, via `open_page`),
`signed_in_context(role)` (a browser context already signed in), `admin_secret` (an admin, ADMIN_EMAIL, with an
authenticator app: its TOTP secret; `admin_with_authenticator()` makes others). A failing test leaves a screenshot
under test-results/. `assert_accessible(page)` runs axe-core and fails on serious or critical problems.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESULTS = PROJECT_ROOT / "test-results"
AXE_SOURCE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def chromium_executable() -> str | None:
    """Debian's Chromium when present (Playwright cannot download browsers here), else Playwright's own."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_server, request, committed_db, redis_client):
    """Factory: open_page(language="en", viewport=DESKTOP, cookies=(), javascript=True) → a Page on the live server
    (javascript=False: a browser with JavaScript turned off).

    Content-Security-Policy violations reported by the browser fail the test.
    """
    contexts, csp_violations = [], []

    def factory(language: str = "en", viewport: dict = DESKTOP, cookies: list[dict] = (), javascript: bool = True):
        context = browser.new_context(
            base_url=live_server, viewport=viewport, locale="ar-AE" if language == "ar" else "en-GB",
            java_script_enabled=javascript,
            extra_http_headers={"Accept-Language": "ar-AE,ar;q=0.9" if language == "ar" else "en-GB,en;q=0.9"},
        )
        if cookies:
            context.add_cookies([{**cookie, "url": live_server} for cookie in cookies])
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: csp_violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        return page

    yield factory
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for number, context in enumerate(contexts):
        if failed:
            RESULTS.mkdir(exist_ok=True)
            for index, page in enumerate(context.pages):
                page.screenshot(path=str(RESULTS / f"{request.node.name}-{number}-{index}.png"), full_page=True)
        context.close()
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


@pytest.fixture
def signed_in_page(app, committed_db, open_page):
    """Factory: signed_in_page(role, language, viewport, javascript=True) → (page, user) for a committed account of
    that role.

    The session cookie is made with the app's own signing key, as a real sign-in would leave it.
    """
    from app.accounts.services import create_user

    def factory(role: str = "customer", language: str = "en", viewport: dict = DESKTOP, javascript: bool = True):
        with app.app_context():
            user = create_user(f"{role}.e2e@example.com", f"Noor {role.title()}", "e2e password 123", roles=(role,),
                               preferred_language=language)
            committed_db.session.commit()
            session_cookie = app.session_interface.get_signing_serializer(app).dumps(
                {"_user_id": user.get_id(), "_fresh": True}
            )
            committed_db.session.refresh(user)
        cookies = [{"name": app.config["SESSION_COOKIE_NAME"], "value": session_cookie}]
        return open_page(language, viewport, cookies=cookies, javascript=javascript), user

    return factory


ADMIN_EMAIL, ADMIN_PASSWORD = "aisha.e2e@example.com", "admin e2e password 123"


def admin_with_authenticator(app, database, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD,
                             language: str = "en") -> str:
    """A committed admin account with an authenticator app set up; returns its TOTP secret."""
    from app.accounts.models import User
    from app.accounts.services import create_user

    secret = pyotp.random_base32()
    with app.app_context():
        admin = create_user(email, "Aisha Admin", password, roles=("admin",), preferred_language=language)
        database.session.flush()
        stored = database.session.get(User, admin.id)
        stored.totp_secret, stored.totp_enabled_at = secret, datetime.now(timezone.utc)
        database.session.commit()
    return secret


@pytest.fixture
def admin_secret(app, committed_db, language):
    """An admin (ADMIN_EMAIL) reading the site in the test's language, with an authenticator app: its secret."""
    return admin_with_authenticator(app, committed_db, language=language)


def assert_accessible(page, impacts=("serious", "critical")) -> None:
    """Run axe-core on the page once its transitions have ended (a toast fading in has, for a moment, too little
    contrast); fail listing every violation of the given impacts."""
    page.wait_for_function("() => document.getAnimations().every(animation => animation.playState !== 'running'"
                           " || animation.effect.getTiming().iterations === Infinity)")  # spinners never end
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [v for v in results["violations"] if v["impact"] in impacts]
    summary = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [node["target"] for node in v["nodes"][:5]]}
        for v in violations
    ]
    assert not violations, "axe found accessibility problems:\n" + json.dumps(summary, indent=2, ensure_ascii=False)


def has_no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def fill_checkout_address(page, region: str) -> None:
    """Type a Dubai street address into the checkout's address step (the recipient already filled) and send it."""
    page.locator("#region").fill(region)
    page.locator("#area").fill("Al Barsha")
    page.locator("#street").fill("Street 12")
    page.locator("#building").fill("Villa 7")
    page.locator("#step-address button[type=submit]").click()
