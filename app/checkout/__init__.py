"""The checkout: one page of steps (contact, address, delivery and gift, payment, review) that turns the bag
into an order. Each step is a form that works without JavaScript and, with htmx, swaps the next step in."""
from flask import Blueprint

bp = Blueprint("checkout", __name__)

from app.checkout import views  # noqa: E402,F401
