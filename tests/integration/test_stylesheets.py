"""The stylesheets: every page links fonts.css and the site's aromasouq.css; only the vendor portal and the back
office add portal.css, after it; every rule sits in one of the cascade layers aromasouq.css declares once, in order
(a rule outside every layer would beat them all, whatever its place in the file)."""
import re

import pytest

from tests.backoffice import sign_in_as
from tests.conftest import PROJECT_ROOT

CSS = PROJECT_ROOT / "static" / "css"
LAYER_ORDER = "@layer tokens, base, components, pages, portal;"
SITE, PORTAL = ["fonts.css", "aromasouq.css"], ["fonts.css", "aromasouq.css", "portal.css"]


def stylesheets(client, path: str) -> list[str]:
    """The stylesheets the page links, in their order, each checked to be served."""
    response = client.get(path)
    assert response.status_code == 200, path
    names = re.findall(r'<link rel="stylesheet" href="/static/css/([^"?]+)"', response.get_data(as_text=True))
    for name in names:
        with client.get(f"/static/css/{name}") as stylesheet:
            assert stylesheet.status_code == 200, name
    return names


def top_level_statements(name: str) -> list[str]:
    """The file's statements outside every block, comments left out: each cut off where its block opens."""
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(encoding="utf-8"), flags=re.S)
    statements, depth, start = [], 0, 0
    for position, character in enumerate(text):
        if character == "{":
            if depth == 0:
                statements.append(" ".join(text[start:position].split()) + " {")
            depth += 1
        elif character == "}":
            depth -= 1
            start = position + 1
        elif character == ";" and depth == 0:
            statements.append(" ".join(text[start:position + 1].split()))
            start = position + 1
    assert depth == 0 and not text[start:].strip(), name
    return statements


@pytest.mark.parametrize("path", ["/", "/products", "/cart", "/sign-in", "/register"])
def test_shoppers_pages_load_the_site_stylesheet_without_the_portals(client, path):
    assert stylesheets(client, path) == SITE


def test_an_error_page_loads_the_site_stylesheet_without_the_portals(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    names = re.findall(r'<link rel="stylesheet" href="/static/css/([^"?]+)"', response.get_data(as_text=True))
    assert names == SITE


def test_the_back_office_and_the_vendor_portal_add_the_portal_stylesheet_last(app, client, create_user):
    sign_in_as(client, create_user(email="aisha@example.com", roles=("admin",)), second_factor=True)
    assert stylesheets(client, "/admin") == PORTAL
    seller = app.test_client()
    sign_in_as(seller, create_user(email="hessa@example.com", roles=("customer",)))
    assert stylesheets(seller, "/vendor/apply") == PORTAL


def test_every_rule_sits_in_a_layer_of_the_one_declared_order():
    site = top_level_statements("aromasouq.css")
    assert site[0] == LAYER_ORDER
    assert site[1:] == ["@layer tokens {", "@layer base {", "@layer components {", "@layer pages {"]
    assert top_level_statements("portal.css") == ["@layer portal {"]
    assert set(top_level_statements("fonts.css")) == {"@font-face {"}  # layers do not order font faces
