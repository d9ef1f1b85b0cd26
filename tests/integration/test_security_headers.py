"""Security headers and a Content-Security-Policy that the pages keep (no inline script or style)."""
import re

from tests.conftest import csrf_token_from


def test_pages_send_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", "/products", "/sign-in", "/no-such-page"):
        page = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert " style=" not in page and "<style" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path  # no inline event handlers


def test_htmx_and_fonts_are_served_by_us(client):
    page = client.get("/").get_data(as_text=True)
    assert "/static/vendor/htmx.min.js" in page
    for address in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert address.startswith(("/", "#")) and not address.startswith("//"), address
    for asset in ("/static/vendor/htmx.min.js", "/static/css/fonts.css", "/static/css/aromasouq.css"):
        with client.get(asset) as response:
            assert response.status_code == 200, asset


def test_shared_files_do_not_vary_by_cookie(client, customer):
    client.post("/sign-in", data={"email": "layla@example.com", "password": "correct horse battery",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    with client.get("/static/css/aromasouq.css") as response:
        assert "Cookie" not in response.vary
    assert "Cookie" in client.get("/").vary  # pages do: they show who is signed in
