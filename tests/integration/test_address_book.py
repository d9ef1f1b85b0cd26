"""The address book: add, edit, delete and choose the default, with htmx in place and without JavaScript;
its rules (one default), ownership (404), sign-in, CSRF, and inline errors in both languages."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from

HTMX = {"HX-Request": "true"}
HOME = {
    "label": "Home", "recipient_name": "Layla Haddad", "mobile": "050 123 4567", "country": "AE",
    "region": "Dubai", "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": "",
    "landmark": "Behind Mall of the Emirates",
}
OFFICE = {**HOME, "label": "Office", "region": "Abu Dhabi", "area": "Al Reem Island", "street": "Najmat Street",
          "building": "Sky Tower", "flat": "1204", "landmark": ""}


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def shopper(client, customer):
    """The test client, signed in as the customer, with the CSRF token its pages hand out."""
    sign_in(client, customer)
    client.token = csrf_token_from(client, "/account/addresses")
    return client


def post(client, path, data=None, htmx=False, headers=None):
    return client.post(path, data={"csrf_token": client.token, **(data or {})},
                       headers={**(HTMX if htmx else {}), **(headers or {})})


@pytest.fixture
def add(app, db):
    """Factory: add(user, **fields) → the address's id, added through the address book's service."""
    from app.accounts import address_book

    def factory(user, **fields):
        values = {**HOME, **fields}
        values["mobile"] = "+971501234567"
        values["region"] = values["region"].lower().replace(" ", "-")
        values["flat"] = values["flat"] or None
        values["landmark"] = values["landmark"] or None
        with app.app_context():
            address = address_book.add_address(user, **values)
            db.session.commit()
            return address.id

    return factory


@pytest.fixture
def book(app, db):
    """book(user) → [(label, is_default), …] as stored, default first then newest."""
    from app.accounts.address_book import addresses_for

    def read(user):
        with app.app_context():
            return [(address.label, address.is_default) for address in addresses_for(user)]

    return read


def stored(app, address_id):
    from app.accounts.models import Address
    from app.extensions import db

    with app.app_context():
        address = db.session.get(Address, address_id)
        return None if address is None else {c.name: getattr(address, c.name) for c in Address.__table__.columns}


def toast(response) -> dict:
    return json.loads(response.headers["HX-Trigger"])["showToast"]


# Signed-in only, ownership, CSRF ---------------------------------------------------------------

ROUTES = [
    ("get", "/account/addresses"), ("get", "/account/addresses/new"), ("post", "/account/addresses/new"),
    ("get", "/account/addresses/{id}"), ("get", "/account/addresses/{id}/edit"),
    ("post", "/account/addresses/{id}/edit"), ("get", "/account/addresses/{id}/delete"),
    ("post", "/account/addresses/{id}/delete"), ("post", "/account/addresses/{id}/default"),
]


@pytest.mark.parametrize("method, path", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, customer, add, method, path):
    address_id = add(customer)
    token = csrf_token_from(client, "/sign-in")
    response = getattr(client, method)(path.format(id=address_id), data={"csrf_token": token})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("method, path", [route for route in ROUTES if "{id}" in route[1]])
@pytest.mark.parametrize("htmx", [False, True])
def test_another_accounts_address_does_not_exist(shopper, create_user, add, app, method, path, htmx):
    other = create_user(email="omar@example.com", full_name="Omar Saleh")
    address_id = add(other)
    response = getattr(shopper, method)(path.format(id=address_id), data={"csrf_token": shopper.token, **OFFICE},
                                        headers=HTMX if htmx else {})
    assert response.status_code == 404
    assert stored(app, address_id)["label"] == "Home" and stored(app, address_id)["is_default"]


def test_an_address_that_never_existed_is_a_404_not_a_500(shopper):
    assert shopper.get("/account/addresses/999999999999999999999/edit").status_code == 404
    assert post(shopper, "/account/addresses/2147483648/delete").status_code == 404


@pytest.mark.parametrize("path", ["/account/addresses/new", "/account/addresses/{id}/edit",
                                  "/account/addresses/{id}/delete", "/account/addresses/{id}/default"])
@pytest.mark.parametrize("htmx", [False, True])
def test_a_change_without_the_csrf_token_is_refused(shopper, customer, add, book, path, htmx):
    add(customer)
    address_id = add(customer, label="Office")  # not the default, so that "make default" would change something
    response = shopper.post(path.format(id=address_id), data=OFFICE, headers=HTMX if htmx else {})
    assert response.status_code == 400
    assert book(customer) == [("Home", True), ("Office", False)]


# Listing ----------------------------------------------------------------------------------------

def test_an_empty_book_invites_a_first_address(shopper):
    page = shopper.get("/account/addresses").get_data(as_text=True)
    assert "No addresses yet" in page
    assert 'href="/account/addresses/new"' in page and 'data-hx-get="/account/addresses/new"' in page


def test_the_book_shows_the_default_first_with_names_in_the_page_language(shopper, customer, add):
    home = add(customer, label="Home")
    office = add(customer, label="Office", region="Sharjah", is_default=True)
    page = shopper.get("/account/addresses").get_data(as_text=True)
    assert page.index(f'id="address-{office}"') < page.index(f'id="address-{home}"')
    assert "Sharjah" in page and "United Arab Emirates" in page and "+971 50 123 4567" in page
    shopper.set_cookie("lang", "ar")  # the header's language switch (it comes before the account's language)
    arabic = shopper.get("/account/addresses").get_data(as_text=True)
    assert "الشارقة" in arabic and "الإمارات العربية المتحدة" in arabic and "عناوينك" in arabic


def test_htmx_gets_the_book_as_a_fragment_and_caches_keep_them_apart(shopper, customer, add):
    add(customer)
    page = shopper.get("/account/addresses")
    fragment = shopper.get("/account/addresses", headers=HTMX)
    assert "<html" in page.get_data(as_text=True)
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith('<section class="address-book" id="address-book"')
    assert "HX-Request" in fragment.headers["Vary"] and "HX-Request" in page.headers["Vary"]


# Adding -----------------------------------------------------------------------------------------

def test_adding_without_javascript_redirects_to_the_book_with_a_message(shopper, customer, app, book):
    response = post(shopper, "/account/addresses/new", HOME)
    assert response.status_code == 303 and response.headers["Location"] == "/account/addresses"
    page = shopper.get("/account/addresses").get_data(as_text=True)
    assert "Address added." in page and "Villa 7" in page
    assert book(customer) == [("Home", True)]  # the first address becomes the default


def test_the_add_form_is_a_page_without_htmx_and_a_fragment_with_it(shopper):
    page = shopper.get("/account/addresses/new").get_data(as_text=True)
    assert "<html" in page and 'action="/account/addresses/new"' in page and "hx-post" not in page
    fragment = shopper.get("/account/addresses/new", headers=HTMX).get_data(as_text=True)
    assert "<html" not in fragment and 'data-hx-post="/account/addresses/new"' in fragment
    assert 'list="region-emirates"' in fragment and '<option value="Ras Al Khaimah">' in fragment


def test_adding_with_htmx_re_renders_the_book_and_says_so(shopper, customer, app, book):
    response = post(shopper, "/account/addresses/new", HOME, htmx=True)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#address-book" and response.headers["HX-Reswap"] == "outerHTML"
    assert toast(response) == {"message": "Address added.", "kind": "success"}
    body = response.get_data(as_text=True)
    assert "<html" not in body and "Villa 7" in body and "Default" in body
    post(shopper, "/account/addresses/new", OFFICE, htmx=True)
    assert book(customer) == [("Home", True), ("Office", False)]


def test_the_mobile_is_stored_in_e164_and_the_emirate_by_its_key(shopper, customer, app):
    post(shopper, "/account/addresses/new", {**HOME, "region": " دبي "})
    [address_id] = _ids(app, customer)
    address = stored(app, address_id)
    assert address["mobile"] == "+971501234567" and address["region"] == "dubai"
    assert address["flat"] is None and address["landmark"] == "Behind Mall of the Emirates"


def speaker_of(client, create_user, language: str):
    """An account that reads the store in `language`, signed in on the client (with its CSRF token)."""
    user = create_user(email=f"reader-{language}@example.com", preferred_language=language)
    sign_in(client, user)
    client.token = csrf_token_from(client, "/account/addresses")
    return user


@pytest.mark.parametrize("language, uae, hint", [
    ("en", "United Arab Emirates", "We deliver only within the United Arab Emirates for now."),
    ("ar", "الإمارات العربية المتحدة", "نوصل الطلبات داخل الإمارات العربية المتحدة فقط حاليًا."),
])
def test_the_book_offers_only_the_country_checkout_delivers_to_and_says_so(client, create_user, language, uae, hint):
    speaker_of(client, create_user, language)
    body = client.get("/account/addresses/new").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="country".*?</select>', body, re.S).group(0)
    assert re.findall(r'<option[^>]*value="([^"]*)"', select) == ["AE"] and uae in select
    assert hint in body


@pytest.mark.parametrize("language, message", [
    ("en", "We deliver only within the United Arab Emirates for now: choose an address in one of the seven emirates."),
    ("ar", "نوصل الطلبات داخل الإمارات العربية المتحدة فقط حاليًا: اختر عنوانًا في إحدى الإمارات السبع."),
])
def test_an_address_in_another_gcc_country_is_refused_with_a_clear_message(client, create_user, book, language,
                                                                           message):
    reader = speaker_of(client, create_user, language)
    data = {**HOME, "country": "SA", "mobile": "050 123 4567", "region": "Riyadh", "area": "Al Olaya"}
    response = post(client, "/account/addresses/new", data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and 'value="Riyadh"' in body and 'value="Al Olaya"' in body
    assert book(reader) == []


@pytest.mark.parametrize("language, saudi, note", [
    ("en", "Saudi Arabia", "We deliver only within the United Arab Emirates for now, so this address cannot be "
                           "chosen at checkout."),
    ("ar", "السعودية", "نوصل الطلبات داخل الإمارات العربية المتحدة فقط حاليًا، لذا لا يمكن اختيار هذا العنوان عند "
                       "إتمام الطلب."),
])
def test_an_address_kept_from_before_outside_the_emirates_still_shows_marked_as_not_delivered(
        client, create_user, add, language, saudi, note):
    reader = speaker_of(client, create_user, language)
    address_id = add(reader, label="Riyadh flat", country="SA", region="Riyadh", area="Al Olaya")
    add(reader, label="Home")
    page = client.get("/account/addresses")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert saudi in body and "riyadh" in body and body.count(note) == 1  # the Dubai home has no such note
    edit = client.get(f"/account/addresses/{address_id}/edit")
    assert edit.status_code == 200 and 'value="riyadh"' in edit.get_data(as_text=True)
    refused = post(client, f"/account/addresses/{address_id}/edit", {**HOME, "country": "SA"})
    assert refused.status_code == 422  # kept as it was until it is moved to an emirate


def test_an_invalid_htmx_submission_comes_back_as_the_form_with_what_was_typed(shopper, customer, book):
    data = {**HOME, "recipient_name": "", "mobile": "12345", "landmark": "Next to the <b>souq</b>"}
    response = post(shopper, "/account/addresses/new", data, htmx=True)
    assert response.status_code == 422 and "HX-Trigger" not in response.headers
    body = response.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith("<form")
    assert "Enter the name of the person who receives the order." in body
    assert "Enter a UAE or GCC mobile number" in body
    assert 'value="12345"' in body and 'value="Villa 7"' in body and 'value="Dubai"' in body
    assert 'value="Next to the &lt;b&gt;souq&lt;/b&gt;"' in body  # kept, and escaped
    [recipient_input] = re.findall(r'<input[^>]*id="recipient_name"[^>]*>', body)
    assert "autofocus" in recipient_input and 'aria-invalid="true"' in recipient_input  # the first error has focus
    assert book(customer) == []


def test_an_invalid_submission_without_javascript_is_the_page_with_the_errors(shopper, customer, book):
    response = post(shopper, "/account/addresses/new", {**HOME, "building": "", "region": "Narnia"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "<html" in body and "Enter the building or villa." in body
    assert "Choose one of the seven emirates, for example Dubai." in body and 'value="Narnia"' in body
    assert book(customer) == []


def test_errors_are_in_arabic_for_an_arabic_speaker(client, create_user, book):
    # An account's own language comes before Accept-Language (app/core/i18n.py): this one speaks Arabic.
    huda = create_user(email="huda@example.com", full_name="Huda Al Qasimi", preferred_language="ar")
    sign_in(client, huda)
    client.token = csrf_token_from(client, "/account/addresses")
    data = {**HOME, "label": "", "mobile": "0501", "region": "نارنيا"}
    response = post(client, "/account/addresses/new", data, htmx=True, headers={"Accept-Language": "ar"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "أدخل رقم هاتف متحرك" in body  # the mobile validator's own message, in Arabic
    assert "اختر إحدى الإمارات السبع" in body and 'value="نارنيا"' in body and 'value="0501"' in body
    assert "Enter" not in body and "Choose" not in body
    assert book(huda) == []


def test_overlong_and_strange_input_is_an_error_never_a_500(shopper, customer, book):
    data = {**HOME, "label": "L" * 41, "recipient_name": "Layla\x00Haddad", "country": "XX", "flat": "9" * 41}
    response = post(shopper, "/account/addresses/new", data, htmx=True)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.count("Use at most 40 characters.") == 2
    assert "We deliver only within the United Arab Emirates for now: choose an address" in body
    response = post(shopper, "/account/addresses/new", {**HOME, "recipient_name": "Layla\x00 Haddad"})
    assert response.status_code == 303  # the NUL is dropped rather than sent to PostgreSQL
    assert book(customer) == [("Home", True)]


def test_what_the_customer_typed_is_shown_escaped(shopper):
    post(shopper, "/account/addresses/new", {**HOME, "label": "<i>Home</i>", "flat": "<b>4</b>", "area": "A&B"})
    page = shopper.get("/account/addresses").get_data(as_text=True)
    assert "<bdi>&lt;i&gt;Home&lt;/i&gt;</bdi>" in page and "Flat <bdi>&lt;b&gt;4&lt;/b&gt;</bdi>" in page
    assert "<bdi>A&amp;B</bdi>, <bdi>Dubai</bdi>" in page and "<i>" not in page


# Editing ----------------------------------------------------------------------------------------

def test_the_edit_form_swaps_in_place_of_the_card_with_the_mobile_formatted(shopper, customer, add):
    address_id = add(customer)
    card = shopper.get("/account/addresses").get_data(as_text=True)
    assert f'data-hx-get="/account/addresses/{address_id}/edit" data-hx-target="#address-{address_id}"' in card
    fragment = shopper.get(f"/account/addresses/{address_id}/edit", headers=HTMX).get_data(as_text=True)
    assert "<html" not in fragment and f'data-hx-post="/account/addresses/{address_id}/edit"' in fragment
    assert 'value="+971 50 123 4567"' in fragment and 'value="Dubai"' in fragment
    assert f'id="address-{address_id}-label"' in fragment  # ids stay unique beside other forms
    assert f'data-hx-get="/account/addresses/{address_id}"' in fragment  # "Cancel" brings the card back


def test_cancel_brings_back_the_card_or_without_htmx_the_book(shopper, customer, add):
    address_id = add(customer)
    card = shopper.get(f"/account/addresses/{address_id}", headers=HTMX)
    assert card.status_code == 200
    assert card.get_data(as_text=True).lstrip().startswith(f'<article class="address-card address-card--default" id="address-{address_id}"')
    plain = shopper.get(f"/account/addresses/{address_id}")
    assert plain.status_code == 302 and plain.headers["Location"] == f"/account/addresses#address-{address_id}"


def test_saving_with_htmx_swaps_back_the_card(shopper, customer, add, app):
    address_id = add(customer)
    response = post(shopper, f"/account/addresses/{address_id}/edit", {**HOME, "label": "Beach house",
                                                                      "mobile": "+971 55 765 4321"}, htmx=True)
    assert response.status_code == 200 and "HX-Retarget" not in response.headers
    assert toast(response)["message"] == "Address saved."
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith("<article") and "Beach house" in body and "+971 55 765 4321" in body
    assert stored(app, address_id)["mobile"] == "+971557654321"


def test_saving_without_javascript_redirects(shopper, customer, add, app):
    address_id = add(customer)
    response = post(shopper, f"/account/addresses/{address_id}/edit", {**HOME, "street": "Street 14"})
    assert response.status_code == 303 and response.headers["Location"] == "/account/addresses"
    assert "Address saved." in shopper.get("/account/addresses").get_data(as_text=True)
    assert stored(app, address_id)["street"] == "Street 14"


def test_an_invalid_edit_keeps_the_address_and_what_was_typed(shopper, customer, add, app):
    address_id = add(customer)
    response = post(shopper, f"/account/addresses/{address_id}/edit", {**HOME, "label": "Work", "mobile": "abc"},
                    htmx=True)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'value="Work"' in body and 'value="abc"' in body and "Enter a UAE or GCC mobile number" in body
    assert stored(app, address_id)["label"] == "Home"


def test_ticking_default_on_an_edit_moves_the_default_and_re_renders_the_book(shopper, customer, add, book):
    add(customer, label="Home")
    office = add(customer, label="Office")
    response = post(shopper, f"/account/addresses/{office}/edit", {**OFFICE, "is_default": "y"}, htmx=True)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#address-book"
    assert book(customer) == [("Office", True), ("Home", False)]


def test_the_default_stays_the_default_when_edited(shopper, customer, add, book):
    home = add(customer, label="Home")
    add(customer, label="Office")
    form = shopper.get(f"/account/addresses/{home}/edit").get_data(as_text=True)
    assert "This is your default address." in form and 'name="is_default"' not in form
    post(shopper, f"/account/addresses/{home}/edit", {**HOME, "label": "Home sweet home"})
    assert book(customer) == [("Home sweet home", True), ("Office", False)]


# Default and deleting ---------------------------------------------------------------------------

@pytest.mark.parametrize("htmx", [False, True])
def test_making_an_address_the_default_leaves_only_one(shopper, customer, add, book, htmx):
    add(customer, label="Home")
    add(customer, label="Office")
    gym = add(customer, label="Gym")
    response = post(shopper, f"/account/addresses/{gym}/default", htmx=htmx)
    if htmx:
        assert response.status_code == 200 and response.headers["HX-Retarget"] == "#address-book"
        assert toast(response)["message"] == "Your default address is now “Gym”."
        assert response.get_data(as_text=True).index("Gym") < response.get_data(as_text=True).index("Office")
    else:
        assert response.status_code == 303
    assert book(customer) == [("Gym", True), ("Office", False), ("Home", False)]


def test_the_delete_confirmation_page_works_without_javascript(shopper, customer, add, book):
    home = add(customer)
    page = shopper.get(f"/account/addresses/{home}/delete").get_data(as_text=True)
    assert "Delete this address?" in page and f'action="/account/addresses/{home}/delete"' in page
    assert "Make default" not in page  # the card is shown without its actions
    response = post(shopper, f"/account/addresses/{home}/delete")
    assert response.status_code == 303 and response.headers["Location"] == "/account/addresses"
    assert "Address deleted." in shopper.get("/account/addresses").get_data(as_text=True)
    assert book(customer) == []


def test_deleting_the_default_with_htmx_promotes_the_newest_other(shopper, customer, add, book):
    home = add(customer, label="Home")
    add(customer, label="Office")
    add(customer, label="Gym")
    response = post(shopper, f"/account/addresses/{home}/delete", htmx=True)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#address-book"
    assert toast(response)["message"] == "Address deleted."
    assert f'id="address-{home}"' not in response.get_data(as_text=True)
    assert book(customer) == [("Gym", True), ("Office", False)]


def test_deleting_another_address_keeps_the_default(shopper, customer, add, book):
    add(customer, label="Home")
    office = add(customer, label="Office")
    post(shopper, f"/account/addresses/{office}/delete", htmx=True)
    assert book(customer) == [("Home", True)]


# The services' rules, directly --------------------------------------------------------------------

def test_the_services_keep_exactly_one_default(app, db, customer):
    from app.accounts import address_book
    from app.accounts.models import Address

    values = {**HOME, "mobile": "+971501234567", "region": "dubai", "flat": None}
    with app.app_context():
        first = address_book.add_address(customer, **values)
        second = address_book.add_address(customer, **{**values, "label": "Office"}, is_default=True)
        third = address_book.add_address(customer, **{**values, "label": "Gym"})
        defaults = lambda: db.session.scalars(  # noqa: E731
            select(Address.label).where(Address.user_id == customer.id, Address.is_default)).all()
        assert defaults() == ["Office"] and not first.is_default
        address_book.make_default_address(third)
        address_book.make_default_address(first)
        assert defaults() == ["Home"]
        address_book.delete_address(first)
        assert defaults() == ["Gym"]  # the newest left
        address_book.delete_address(third)
        address_book.delete_address(second)
        assert defaults() == []
        db.session.rollback()


def test_emirates_are_recognised_in_either_script():
    from app.accounts.address_book import emirate_key

    assert emirate_key("Ras al-Khaimah") == emirate_key("رأس الخيمة") == emirate_key("RAK") == "ras-al-khaimah"
    assert emirate_key("أبوظبي") == emirate_key("abu dhabi") == "abu-dhabi"
    assert emirate_key("Riyadh") is None and emirate_key("") is None


def _ids(app, user):
    from app.accounts.models import Address
    from app.extensions import db

    with app.app_context():
        return db.session.scalars(select(Address.id).where(Address.user_id == user.id).order_by(Address.id)).all()
