"""The checkout page and its steps' forms.

GET /checkout shows every step: those done as a summary with "Change", the current one as its form, the
rest as headings. Each step POSTs to its own URL: without JavaScript it answers 303 → /checkout (or the
page again, 422, with the errors and the input kept); with htmx it answers the #checkout block with the
next step open (or the same step with its errors). The choices live in the session; prices never leave
the server. "Place order" carries the idempotency key the review step was given and the total it showed.
"""
from __future__ import annotations

import json

from flask import flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.address_book import addresses_for, region_name
from app.accounts.phones import format_mobile_for_display
from app.cart.queries import current_cart
from app.checkout import bp
from app.checkout.forms import (
    AddressChoiceForm,
    CheckoutAddressForm,
    ContactForm,
    CouponForm,
    DeliveryForm,
    PaymentForm,
    PlaceOrderForm,
)
from app.checkout.queries import STEPS, CheckoutView, checkout_view
from app.checkout.services import keep_address_in_book, place_checkout_order
from app.checkout.state import CheckoutState, forget_state, load_state, placed_here, save_state
from app.core.rendering import render_page_or_block, wants_fragment
from app.extensions import db
from app.orders.pricing import OrderRefused, aed, normalise_coupon_code, price_order
from app.orders.queries import delivery_zone_for, order_by_idempotency_key
from app.payments.queries import remember_placed_order

PAGE = "checkout/checkout.html"
BLOCK = "checkout"


# Showing the checkout -----------------------------------------------------------------------


@bp.context_processor
def address_helpers() -> dict:
    return {"region_name": region_name, "display_mobile": format_mobile_for_display}


@bp.get("/checkout")
def show_checkout():
    """Show the checkout at its next step (or at an earlier one asked for with ?step=…)."""
    state = load_state()
    view = checkout_view(current_cart(), state, request.args.get("step"))
    return render_checkout(view, focus=wants_fragment())


def render_checkout(view: CheckoutView, forms: dict | None = None, status: int = 200, focus: bool = False,
                    alert: str | None = None):
    """The page (or its #checkout block for htmx), or back to the bag when there is nothing to check out."""
    if not view.summary.lines:
        return back_to_bag(_("Your bag is empty. Add a perfume to check out."))
    state = view.state
    if view.coupon_problem and state.coupon_code:  # it applied once; the bag or the date changed since
        state.notices.append(_("The coupon %(code)s was removed: %(reason)s", code=state.coupon_code,
                               reason=view.coupon_problem))
        state.coupon_code = None
    all_forms = default_forms(view)
    all_forms.update(forms or {})
    notices = state.take_notices()
    save_state(state)
    return render_page_or_block(PAGE, BLOCK, status=status, view=view, forms=all_forms, focus=focus,
                                alert=alert, notices=notices, book=address_book())


def back_to_bag(message: str):
    flash(message, "info")
    return redirect_page(url_for("cart.show_cart"))


def redirect_page(target: str):
    """Go to another page: 303 for forms, HX-Redirect (a whole-page visit) for htmx."""
    if not wants_fragment():
        return redirect(target, code=303)
    response = make_response("")
    response.headers["HX-Redirect"] = target
    return response


def address_book() -> list:
    """The customer's saved addresses (the default first), read once per request; none for guests."""
    if not current_user.is_authenticated:
        return []
    if "checkout_address_book" not in g:
        g.checkout_address_book = addresses_for(current_user)
    return g.checkout_address_book


def default_forms(view: CheckoutView) -> dict:
    """Every step's form, filled with what was chosen before (never with this request's POST data)."""
    state = view.state
    contact = state.contact or {"email": "", "name": getattr(current_user, "full_name", ""),
                                "mobile": getattr(current_user, "mobile", None)}
    forms = {
        "contact": contact_form(formdata=None, data=contact),
        "choice": address_choice_form(formdata=None, data={"choice": chosen_address(state)}),
        "address": CheckoutAddressForm(formdata=None, data=new_address_defaults(state),
                                       for_guest=not current_user.is_authenticated),
        "delivery": delivery_form(view, formdata=None, data={
            "option": state.delivery_option or first_offered(view.deliveries), "gift_wrap": state.gift_wrap,
            "gift_message": state.gift_message}),
        "payment": payment_form(view, formdata=None, data={
            "method": state.payment_method or first_offered(view.payments)}),
        "coupon": CouponForm(formdata=None, data={"code": state.coupon_code or ""}),
    }
    if view.current == "review":
        forms["place"] = PlaceOrderForm(formdata=None, data={"key": state.issue_key(),
                                                              "expected_total": str(view.totals.grand_total)})
    return forms


def new_address_defaults(state: CheckoutState) -> dict:
    """A typed address as it was typed; otherwise the contact's name and mobile, in the UAE."""
    if state.address and state.address_id is None:
        return state.address
    contact = state.contact or {}
    return {"recipient_name": contact.get("name"), "mobile": contact.get("mobile"), "country": "AE"}


def first_offered(choices) -> str | None:
    return next((choice.value for choice in choices if choice.offered), None)


def chosen_address(state: CheckoutState) -> str:
    """The saved address to preselect: the one chosen before, else the default; "new" for a typed one."""
    if state.address_id is not None:
        return str(state.address_id)
    if state.address:
        return "new"
    book = address_book()
    return str(book[0].id) if book else "new"


def contact_form(**kwargs) -> ContactForm:
    form = ContactForm(**kwargs)
    if current_user.is_authenticated:
        del form.email  # a customer's order mail goes to their account's address
    return form


def address_choice_form(**kwargs) -> AddressChoiceForm | None:
    """The choice among saved addresses; None for guests and for customers with none saved yet."""
    book = address_book()
    return AddressChoiceForm(addresses=book, **kwargs) if book else None


def delivery_form(view: CheckoutView, **kwargs) -> DeliveryForm:
    offered = [(choice.value, choice.label) for choice in view.deliveries if choice.offered]
    return DeliveryForm(options=offered, refusals=view.refusals(view.deliveries), **kwargs)


def payment_form(view: CheckoutView, **kwargs) -> PaymentForm:
    offered = [(choice.value, choice.label) for choice in view.payments if choice.offered]
    return PaymentForm(methods=offered, refusals=view.refusals(view.payments), **kwargs)


def step_saved(state: CheckoutState):
    """After a step: the next one (htmx: the block, focused on it; otherwise 303 → /checkout)."""
    save_state(state)
    if not wants_fragment():
        return redirect(url_for("checkout.show_checkout"), code=303)
    return render_checkout(checkout_view(current_cart(), state), focus=True)


def step_refused(state: CheckoutState, step: str, form_name: str, form, **forms):
    """The same step again with its errors and what was typed (422), the focus on the first error's field when
    the form says which (else on the step)."""
    focuses_a_field = hasattr(form, "focus_first")
    if focuses_a_field:
        form.focus_first()
    view = checkout_view(current_cart(), state, step)
    return render_checkout(view, {form_name: form, **forms}, status=422, focus=not focuses_a_field)


def open_step(state: CheckoutState, step: str):
    """A step posted before the steps ahead of it are done: show where the checkout really is (else None)."""
    view = checkout_view(current_cart(), state, step)
    if STEPS.index(view.current) >= STEPS.index(step):
        return None
    if wants_fragment():
        return render_checkout(view, focus=True)
    return redirect(url_for("checkout.show_checkout"), code=303)


# The steps ----------------------------------------------------------------------------------


@bp.post("/checkout/contact")
def save_contact():
    """Step 1: the name, mobile and (for guests) email the order's messages go to."""
    state = load_state()
    form = contact_form()
    if not form.validate_on_submit():
        return step_refused(state, "contact", "contact", form)
    contact = {"name": form.name.data, "mobile": form.mobile.data}
    contact["email"] = current_user.email if current_user.is_authenticated else form.email.data.strip().lower()
    state.contact = contact
    return step_saved(state)


@bp.post("/checkout/address")
def save_address():
    """Step 2: one of the customer's saved addresses, or a new one (checked as the address book checks it)."""
    state = load_state()
    unfinished = open_step(state, "address")
    if unfinished is not None:
        return unfinished
    choice = address_choice_form()
    address_form = CheckoutAddressForm(for_guest=not current_user.is_authenticated)
    if choice is not None and not choice.validate_on_submit():
        return step_refused(state, "address", "choice", choice, address=address_form)
    if choice is None or choice.wants_new_address:
        if not address_form.validate_on_submit() or not deliverable(address_form.delivery_address(), address_form.region):
            return step_refused(state, "address", "address", address_form, **({"choice": choice} if choice else {}))
        address, address_id = address_form.delivery_address(), None
        if current_user.is_authenticated and address_form.save_to_book.data:
            address_id = keep_address_in_book(current_user, address, address_form.book_label())
            db.session.commit()
    else:
        saved = next(address for address in address_book() if str(address.id) == choice.choice.data)
        address = {name: getattr(saved, name) for name in
                   ("recipient_name", "mobile", "country", "region", "area", "street", "building", "flat", "landmark")}
        if not deliverable(address, choice.choice):
            return step_refused(state, "address", "choice", choice, address=address_form)
        address_id = saved.id
    state.address, state.address_id = address, address_id
    return step_saved(state)


def deliverable(address: dict, field) -> bool:
    """We deliver there (an active zone); otherwise the field says so."""
    if delivery_zone_for(address["country"], address["region"]) is not None:
        return True
    field.errors = [*field.errors, _("We do not deliver to that address yet: choose an address in the United Arab "
                                     "Emirates.")]
    return False


@bp.post("/checkout/delivery")
def save_delivery():
    """Step 3: standard, next-day or same-day (as the emirate offers now), and gift wrap with a message."""
    state = load_state()
    unfinished = open_step(state, "delivery")
    if unfinished is not None:
        return unfinished
    form = delivery_form(checkout_view(current_cart(), state, "delivery"))
    if not form.validate_on_submit():
        return step_refused(state, "delivery", "delivery", form)
    state.delivery_option = form.option.data
    state.gift_wrap = bool(form.gift_wrap.data)
    state.gift_message = form.gift_message.data or ""
    return step_saved(state)


@bp.post("/checkout/payment")
def save_payment():
    """Step 4: cash on delivery (up to COD_MAX_TOTAL) or card (when card payments are set up)."""
    state = load_state()
    unfinished = open_step(state, "payment")
    if unfinished is not None:
        return unfinished
    form = payment_form(checkout_view(current_cart(), state, "payment"))
    if not form.validate_on_submit():
        return step_refused(state, "payment", "payment", form)
    state.payment_method = form.method.data
    return step_saved(state)


@bp.post("/checkout/coupon")
def change_coupon():
    """Apply a coupon code (or say why it does not apply), or remove the one applied."""
    state = load_state()
    form = CouponForm()
    if not form.validate_on_submit():
        return step_refused(state, None, "coupon", form)
    if form.action.data == "remove":
        state.coupon_code = None
        return coupon_changed(state, _("Coupon removed."))
    code = normalise_coupon_code(form.code.data)
    if not code:
        form.code.errors = [_("Enter a coupon code.")]
        return step_refused(state, None, "coupon", form)
    view = checkout_view(current_cart(), state)
    items = [bag_line.item for bag_line in view.summary.lines if bag_line.is_buyable]
    contact = state.contact or {}
    priced = price_order(items, coupon_code=code, email=contact.get("email"), user_id=state.user_id)
    if priced.coupon is None:
        form.code.errors = [priced.coupon_problem]
        return step_refused(state, None, "coupon", form)
    state.coupon_code = priced.coupon.code
    return coupon_changed(state, _("Coupon %(code)s applied: you save %(amount)s.", code=priced.coupon.code,
                                   amount=aed(priced.discount_total)))


def coupon_changed(state: CheckoutState, message: str):
    save_state(state)
    if not wants_fragment():
        flash(message, "success")
        return redirect(url_for("checkout.show_checkout"), code=303)
    response = render_checkout(checkout_view(current_cart(), state))
    response.headers["HX-Trigger"] = json.dumps({"showToast": {"message": message, "kind": "success"}})
    return response


# Placing the order --------------------------------------------------------------------------


@bp.post("/checkout/place")
def place():
    """Place the order: once per key, at the total the review showed, or the review again with the reason."""
    state = load_state()
    form = PlaceOrderForm()
    placed = order_by_idempotency_key(form.key.data) if form.key.data else None
    if placed is not None and may_see(placed, state, form.key.data):
        return after_placing(placed)  # a double click or a retried request: the order the first one made
    unfinished = open_step(state, "review")
    if unfinished is not None:
        return unfinished
    if not form.validate_on_submit() or form.key.data != state.key:
        state.key = None  # a page from another visit: review again, with a new key
        return review_again(state, _("Your order changed while you were checking out. Please review it again."))
    cart = current_cart()
    try:
        order = place_checkout_order(cart, state, form.expected_total.data)
    except OrderRefused as refusal:
        db.session.rollback()
        if refusal.reason == "coupon":
            state.coupon_code = None
        return review_again(state, refusal.message)
    db.session.commit()
    forget_state()
    remember_placed_order(order.number)
    return after_placing(order)


def may_see(order, state: CheckoutState, key: str) -> bool:
    owner = current_user.is_authenticated and order.user_id == current_user.id
    return owner or placed_here(order.number) or key == state.key


def review_again(state: CheckoutState, reason: str):
    view = checkout_view(current_cart(), state)
    return render_checkout(view, status=422, focus=True, alert=reason)


def after_placing(order):
    """To the card payment for card orders, to the confirmation for the rest."""
    if order.payment_method == "card" and order.status == "pending_payment":
        target = url_for("payments.pay_for_order", number=order.number)
    else:
        target = url_for("orders.show_confirmation", number=order.number)
    return redirect_page(target)
