"""Shared plumbing: health, language switch, rendering, errors, logging, queues. No business rules."""
from flask import Blueprint

bp = Blueprint("core", __name__)

from app.core import views  # noqa: E402,F401  (routes attach to bp)
