"""Product pictures: vendors' photos, and until there is one a generated bottle illustration (built next)."""
from app.catalog import bp  # noqa: F401
