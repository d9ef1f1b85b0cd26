"""Notifications: the outbox, email, SMS and the in-app notification centre."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)

from app.notifications import views  # noqa: E402,F401
