"""GET /img/bottle/…: a product's generated bottle illustration, cached by browsers for a year."""
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from app.catalog.images import bottle_url

BOTTLE = "/img/bottle/perfume/extrait/arabian/oud/17.svg"


def test_an_illustration_is_svg_cached_for_a_year(client):
    with client.get(BOTTLE) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["ETag"]
        assert "Set-Cookie" not in response.headers
        assert ET.fromstring(response.get_data()).tag == "{http://www.w3.org/2000/svg}svg"


def test_the_same_url_always_gives_the_same_picture(client):
    with client.get(BOTTLE) as first, client.get(BOTTLE) as second:
        assert first.get_data() == second.get_data()
        assert first.headers["ETag"] == second.headers["ETag"]
    with client.get("/img/bottle/perfume/extrait/arabian/oud/18.svg") as neighbour:
        assert neighbour.headers["ETag"] != first.headers["ETag"]


def test_a_known_etag_gets_304_without_a_body(client):
    with client.get(BOTTLE) as response:
        etag = response.headers["ETag"]
    with client.get(BOTTLE, headers={"If-None-Match": etag}) as response:
        assert response.status_code == 304
        assert response.get_data() == b""
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with client.get(BOTTLE, headers={"If-None-Match": '"something-else"'}) as response:
        assert response.status_code == 200


@pytest.mark.parametrize("path", [
    "/img/bottle/candles/extrait/arabian/oud/17.svg",
    "/img/bottle/perfume/eau-fraiche/arabian/oud/17.svg",
    "/img/bottle/perfume/extrait/retro/oud/17.svg",
    "/img/bottle/perfume/extrait/arabian/vanilla/17.svg",
    "/img/bottle/perfume/extrait/arabian/OUD/17.svg",
    "/img/bottle/perfume/extrait/arabian/oud/seventeen.svg",
    "/img/bottle/perfume/extrait/arabian/oud/-17.svg",
    "/img/bottle/perfume/extrait/arabian/oud/1.5.svg",
    "/img/bottle/perfume/extrait/arabian/oud/99999999999999999999.svg",
    "/img/bottle/perfume/extrait/arabian/oud/17.png",
    "/img/bottle/perfume/extrait/arabian/17.svg",
])
def test_unknown_values_are_not_found(client, path):
    with client.get(path) as response:
        assert response.status_code == 404


def test_templates_get_a_products_bottle_url(app):
    product = SimpleNamespace(id=42, concentration="oil", family="amber",
                              category=SimpleNamespace(slug="attar-oil"), brand=SimpleNamespace(style="arabian"))
    with app.test_request_context():
        url = bottle_url(product)
        assert url.startswith("/img/bottle/attar-oil/oil/arabian/amber/42.svg?v=")
        assert app.jinja_env.from_string("{{ bottle_url(product) }}").render(product=product) == url
    with app.test_client() as client, client.get(url) as response:
        assert response.status_code == 200
