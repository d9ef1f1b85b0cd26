"""Product photos from vendors: checked by their content with Pillow (never by name or declared type),
turned upright by their EXIF orientation, stripped of metadata, resized to web widths (never up) and stored
as WebP and JPEG under instance/uploads/products/ with names taken from their content.

A stored photo's `path` (ProductImage.path) is its widest JPEG, `products/<digest>-<width>.jpg`; the
other widths and the WebP files sit beside it as `products/<digest>-<width>.<webp|jpg>`.
"""
from __future__ import annotations

import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError

WEB_WIDTHS = (320, 640, 1200)
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
# A photo smaller than this on a side is too small to show; larger than this is not a product photo.
MIN_SIDE = 200
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
MAX_ASPECT = 4  # the longer side at most four times the shorter
STORED_PATH = re.compile(r"^products/(?P<digest>[0-9a-f]{32})-(?P<width>\d{1,5})\.jpg$")
FILE_KINDS = {"webp": ("WEBP", {"quality": 80, "method": 4}),
              "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True})}


class PhotoRefused(ValueError):
    """Not a JPEG, PNG or WebP image (by content), too large, or of absurd dimensions.
    `reason` is "type", "size" or "dimensions"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedPhoto:
    data: bytes
    width: int
    height: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:32]


@dataclass(frozen=True)
class StoredPhoto:
    path: str  # the widest JPEG, relative to instance/uploads/
    widths: list[int]


def max_photo_bytes() -> int:
    return current_app.config["PRODUCT_PHOTO_MAX_MB"] * 1024 * 1024


def check_photo(stream) -> CheckedPhoto:
    """Read an upload and make sure it is a whole JPEG, PNG or WebP of a sensible size."""
    limit = max_photo_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PhotoRefused("size")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                image_format, (width, height) = image.format, image.size
                if not sensible_dimensions(width, height):
                    raise PhotoRefused("dimensions")
                image.verify()
            with Image.open(BytesIO(data)) as image:
                image.load()  # verify() misses a truncated picture; decoding it does not
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused("dimensions") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoRefused("type") from None
    if image_format not in PHOTO_FORMATS:
        raise PhotoRefused("type")
    return CheckedPhoto(data, width, height)


def sensible_dimensions(width: int, height: int) -> bool:
    short, long = sorted((width, height))
    return (short >= MIN_SIDE and long <= MAX_SIDE and width * height <= MAX_PIXELS
            and long <= short * MAX_ASPECT)


def store_photo(photo: CheckedPhoto) -> StoredPhoto:
    """Write the photo's web sizes as WebP and JPEG (once: the same photo gets the same names)."""
    with Image.open(BytesIO(photo.data)) as opened:
        image = flattened(ImageOps.exif_transpose(opened))
    widths = web_widths(image.width)
    folder = photos_folder()
    for width in widths:
        resized = image if width == image.width else image.resize(
            (width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        for extension, (image_format, options) in FILE_KINDS.items():
            target = folder / f"{photo.digest}-{width}.{extension}"
            if not target.exists():
                write_atomically(resized, target, image_format, options)
    return StoredPhoto(f"products/{photo.digest}-{widths[-1]}.jpg", widths)


def web_widths(width: int) -> list[int]:
    """The web widths below the photo's own, and the widest it can be shown at without enlarging it."""
    return [size for size in WEB_WIDTHS if size < width] + [min(width, WEB_WIDTHS[-1])]


def flattened(image: Image.Image) -> Image.Image:
    """RGB without transparency (on white, as a product photo on the page), and without metadata."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    converted = image.convert("RGB")
    converted.info = {}  # EXIF (place, camera, time), XMP and comments go no further
    return converted


def write_atomically(image: Image.Image, target: Path, image_format: str, options: dict) -> None:
    """Save through a temporary name, so a half-written file is never served."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    image.save(temporary, image_format, **options)
    os.replace(temporary, target)


def photos_folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads" / "products"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_stored_photo(path: str, widths) -> bool:
    """A path and widths as `store_photo` writes them, with every file present."""
    match = STORED_PATH.match(path or "")
    if not match or not widths or int(match["width"]) != widths[-1]:
        return False
    folder = photos_folder()
    return all((folder / f"{match['digest']}-{width}.{extension}").is_file()
               for width in widths for extension in FILE_KINDS)
