"""Vendors' product photos on the page: their web sizes served under content-addressed names with a
year-long immutable cache, and the URLs and srcsets templates draw <picture> elements with."""
from __future__ import annotations

import re

from flask import abort, send_from_directory, url_for

from app.catalog import bp
from app.vendors.photos import STORED_PATH, photos_folder

ONE_YEAR = 365 * 24 * 3600
HEX = re.compile(r"^[0-9a-f]{32}$")
MIMETYPES = {"webp": "image/webp", "jpg": "image/jpeg"}


@bp.get("/media/photos/<string(length=32):digest>-<int(max=99999):width>.<any(webp, jpg):extension>")
def photo_file(digest: str, width: int, extension: str):
    """One web size of a product photo: its name comes from its content, so it is cached for good."""
    if not HEX.match(digest):
        abort(404)
    response = send_from_directory(photos_folder(), f"{digest}-{width}.{extension}",
                                   mimetype=MIMETYPES[extension], max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


@bp.app_template_global()
def photo_url(path: str, width: int | None = None, extension: str = "jpg") -> str:
    """The URL of a stored photo at one width (its widest by default); a single older file as it is."""
    match = STORED_PATH.match(path or "")
    if match is None:
        return url_for("catalog.product_photo", path=path)
    return url_for("catalog.photo_file", digest=match["digest"], width=width or int(match["width"]),
                   extension=extension)


@bp.app_template_global()
def photo_srcset(path: str, widths, extension: str = "jpg") -> str:
    """`srcset` of a stored photo's web sizes in one format ("url 320w, url 640w, …")."""
    return ", ".join(f"{photo_url(path, width, extension)} {width}w" for width in widths or ())


@bp.app_template_global()
def photo_has_sizes(path: str, widths) -> bool:
    """Whether the photo was stored in web sizes (WebP and JPEG), or is one older file."""
    return bool(widths) and STORED_PATH.match(path or "") is not None
