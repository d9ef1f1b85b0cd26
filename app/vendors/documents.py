"""Vendor documents on disk: checked by their content (never by name or declared type), stored under
instance/uploads/vendor-documents/ with random names, and read back only through an authorised view."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
# Pillow refuses images above this many pixels (a decompression bomb) before decoding them.
MAX_IMAGE_PIXELS = 60_000_000


class DocumentRefused(ValueError):
    """Not a PDF, JPEG or PNG (by content), or too large. `reason` is "type" or "size"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedDocument:
    original_name: str
    content_type: str
    data: bytes


def max_document_bytes() -> int:
    return current_app.config["VENDOR_DOCUMENT_MAX_MB"] * 1024 * 1024


def check_document(stream, filename: str) -> CheckedDocument:
    """Read an upload and say what it really is; refuse anything but a whole PDF, JPEG or PNG."""
    limit = max_document_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentRefused("size")
    content_type = sniff_content_type(data)
    if content_type is None:
        raise DocumentRefused("type")
    return CheckedDocument(display_name(filename, content_type), content_type, data)


def sniff_content_type(data: bytes) -> str | None:
    """The document's type from its bytes: a PDF header and trailer, or an image Pillow can verify."""
    if data.startswith(b"%PDF-"):
        return "application/pdf" if b"%%EOF" in data[-2048:] else None
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(image_format)


def display_name(filename: str, content_type: str) -> str:
    """The uploader's file name, without folders or control characters, ending in the real extension."""
    name = Path((filename or "").replace("\\", "/")).name
    stem = "".join(ch for ch in Path(name).stem if ch.isprintable() and ch not in '"/\\')[:150].strip()
    return f"{stem or 'document'}.{EXTENSIONS[content_type]}"


def documents_folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads" / "vendor-documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_document(document: CheckedDocument) -> str:
    """Write the bytes under a random name (never the uploader's) and return that name."""
    stored_name = f"{secrets.token_hex(16)}.{EXTENSIONS[document.content_type]}"
    path = documents_folder() / stored_name
    with open(path, "xb") as file:
        file.write(document.data)
    return stored_name


def document_path(stored_name: str) -> Path:
    return documents_folder() / stored_name
