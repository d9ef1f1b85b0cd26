"""Product pictures: vendors' photos, and until there is one a generated bottle illustration."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from flask import abort, current_app, request, url_for

from app.catalog import bp
from app.catalog.bottles import DRAWING_VERSION, bottle_svg
from app.catalog.models import CATEGORIES, CONCENTRATIONS, FAMILIES, STYLES

ONE_YEAR = 365 * 24 * 3600


@bp.get("/img/bottle/<category>/<concentration>/<style>/<family>/<int(max=2147483647):seed>.svg")
def bottle_illustration(category: str, concentration: str, style: str, family: str, seed: int):
    """A product's bottle illustration: the URL names everything drawn, so it can be cached for good."""
    if category not in CATEGORIES or concentration not in CONCENTRATIONS or style not in STYLES \
            or family not in FAMILIES:
        abort(404)
    svg, etag = rendered_bottle(category, concentration, style, family, seed)
    response = current_app.response_class(svg, mimetype="image/svg+xml")
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = ONE_YEAR
    response.cache_control.immutable = True
    return response.make_conditional(request)


@lru_cache(maxsize=2048)
def rendered_bottle(category: str, concentration: str, style: str, family: str, seed: int) -> tuple[str, str]:
    """The illustration's SVG and its ETag, drawn once per worker for each set of parameters."""
    svg = bottle_svg(category=category, concentration=concentration, style=style, family=family, seed=seed)
    return svg, hashlib.blake2b(svg.encode(), digest_size=12).hexdigest()


@bp.app_template_global()
def bottle_url(product) -> str:
    """The URL of a product's bottle illustration: from a Product (its brand and category loaded) or from a
    search ProductCard, which carries the same words without a query."""
    if isinstance(product.category, str):  # a card: the words themselves
        return _bottle_url(product.category, product.concentration, product.style, product.family,
                           product.product_id)
    return _bottle_url(product.category.slug, product.concentration, product.brand.style, product.family, product.id)


def _bottle_url(category: str, concentration: str, style: str, family: str, seed: int) -> str:
    return url_for("catalog.bottle_illustration", category=category, concentration=concentration, style=style,
                   family=family, seed=seed, v=DRAWING_VERSION)
