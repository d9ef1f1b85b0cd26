"""The notification centre (built by the notifications work)."""
from app.notifications import bp  # noqa: F401
