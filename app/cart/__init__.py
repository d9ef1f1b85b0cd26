"""The bag (cart) and the wishlist: pages, and the add-to-bag and heart endpoints cards and product pages call."""
from flask import Blueprint
from flask_login import user_logged_in

bp = Blueprint("cart", __name__)


@bp.record_once
def merge_guest_carts_on_sign_in(state) -> None:
    from app.cart.services import merge_guest_cart_on_sign_in

    user_logged_in.connect(merge_guest_cart_on_sign_in, sender=state.app, weak=False)


from app.cart import views  # noqa: E402,F401
