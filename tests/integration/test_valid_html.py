"""Every page a guest, a customer, a courier, a seller and an admin can reach is valid HTML, in Arabic and English.

The pages are found in `app.url_map` (each GET route, with real ids from the demo data), so a page added later is
checked without anyone listing it; a route whose path needs a value this module does not know fails the test
until one is added to `example_values`. Listings with filters, the checkout's every step (each also refused),
each form sent empty, and the error pages come on top. The pages are rendered with the test client, written to a
folder, and checked by ONE run of the Nu HTML checker (vnu.jar from npm's `vnu-jar`, which `make test` installs).
htmx fragments that no page contains (facet options, suggestions, the rows and cards "Cancel" brings back) are
checked inside a bare page.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException, InternalServerError, TooManyRequests

from app.accounts.address_book import add_address
from app.accounts.models import Address, User
from app.accounts.tokens import RESET_PASSWORD, make_token, password_fingerprint
from app.catalog.models import Note, Offer, Product, ProductRevision, Review, Variant
from app.core.errors import BARE_SERVER_ERROR, render_server_error
from app.extensions import db as database
from app.orders.models import Coupon, DeliveryZone, Order, SubOrder
from app.search.models import ProductListing
from app.vendors.models import Vendor, VendorDocument
from tests.backoffice import sign_in_as
from tests.conftest import PROJECT_ROOT, CSRF_META
from tests.payments_fixtures import localstripe, stripe_configured  # noqa: F401  (fixtures)

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("en", "ar")
PASSWORD = "correct horse battery"
# Routes that answer files, data or redirects to files, not pages.
NOT_PAGES = {"static", "core.show_health", "catalog.bottle_illustration", "catalog.photo_file",
             "catalog.product_photo", "admin.download_vendor_document", "vendor_portal.download_document"}
# Who opens a blueprint's pages (the others are sent to sign in, or refused: those answers are not their pages).
VIEWERS = {
    "catalog": ("guest", "customer"),
    "cart": ("guest", "customer"),
    "checkout": ("guest", "customer"),
    "payments": ("customer",),
    "orders": ("customer",),
    "notifications": ("customer", "courier"),
    "accounts": ("guest", "customer", "courier", "admin_at_second_factor"),
    "vendor_portal": ("vendor", "customer"),
    "admin": ("admin",),
    "core": ("guest",),
}
# Pages beyond one per route: listings with filters, sort and page; searches with and without results.
MORE_PAGES = [
    ("guest", "/products?family=oud&gender=unisex&sort=price_asc&in_stock=1"),
    ("guest", "/products?concentration=edp&price_min=100&price_max=900&sort=rating&page=2"),
    ("guest", "/products?note=rose&exclude=vanilla&season=winter&on_sale=1"),
    ("customer", "/search?q=oud&sort=newest"),
    ("guest", "/search?q=%D8%B9%D9%88%D8%AF"),
    ("guest", "/search?q=qqqzzzxx"),
    ("guest", "/products?family=oud&family=amber&brand=no-such-brand"),
]
# Forms that, sent with nothing but their token, carry out their action (deleting, cancelling): not sent empty.
NOT_POSTED_EMPTY = {"accounts.delete_address", "orders.cancel_my_order"}
CHECKOUT_STEPS = {
    "contact": {"name": "Layla Customer", "mobile": "050 123 4567", "email": "guest@example.com"},
    "address": {"recipient_name": "Layla Customer", "mobile": "050 123 4567", "country": "AE", "region": "dubai",
                "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": "", "landmark": "",
                "choice": "new"},
    "delivery": {"option": "standard", "gift_wrap": "y", "gift_message": "Eid Mubarak"},
    "payment": {"method": "card"},
}


@dataclass
class Page:
    viewer: str
    language: str
    url: str


@dataclass
class Crawl:
    """Pages rendered so far, written into `folder`; which endpoints answered a page in which language."""

    app: object
    folder: Path
    pages: dict[str, Page] = field(default_factory=dict)
    reached: dict[str, set] = field(default_factory=dict)
    fragments: set = field(default_factory=set)

    def visit(self, client, viewer: str, language: str, url: str, method: str = "GET", data=None,
              keep=lambda status: status == 200, headers=None):
        """Open the URL as the viewer in the language; keep the page when `keep(status)` says so."""
        client.set_cookie("lang", language)
        response = client.open(url, method=method, data=data, headers=headers)
        if keep(response.status_code) and response.mimetype == "text/html":
            self.keep(viewer, language, f"{method} {url}", response.get_data(as_text=True),
                      self.endpoint_of(url, method))
        return response

    def keep(self, viewer: str, language: str, label: str, html: str, endpoint: str) -> None:
        """Write the page into the folder for the checker; a fragment htmx swaps in goes inside a bare page
        (on its first line, so the line numbers stay the fragment's)."""
        if html.lstrip()[:15].lower().startswith("<!doctype html"):
            self.reached.setdefault(endpoint, set()).add(language)
        else:
            self.fragments.add(endpoint)
            label = f"(fragment) {label}"
            row = html.lstrip().startswith("<tr")
            html = (f'<!DOCTYPE html><html lang="{language}"><title>fragment</title>{"<table>" if row else ""}'
                    f'{html}{"</table>" if row else ""}</html>')
        name = f"{len(self.pages):04d}-{viewer}-{language}.html"
        (self.folder / name).write_text(html, encoding="utf-8")
        self.pages[name] = Page(viewer, language, label)

    def endpoint_of(self, url: str, method: str) -> str:
        adapter = self.app.url_map.bind("localhost")
        try:
            return adapter.match(urlsplit(url).path, method=method)[0]
        except HTTPException:  # an error page's path matches no route
            return "error"


def example_values(app) -> dict:
    """Real values for each route's path parts ({endpoint: {part: value}}, or {part: value} for any endpoint)."""
    with app.app_context():
        session = database.session
        customer, vendor_owner = (session.scalar(select(User).where(User.email == email))
                                  for email in ("customer@example.com", "vendor@example.com"))
        shop = session.scalar(select(Vendor).where(Vendor.owner_id == vendor_owner.id))
        # The store's most reviewed perfume: one in the listing (an approved product of a suspended shop has
        # no page), the lowest id among equals, so every run checks the same pages.
        product = session.scalar(select(Product).join(Review).join(ProductListing,
                                                                   ProductListing.product_id == Product.id)
                                 .group_by(Product.id).order_by(func.count(Review.id).desc(), Product.id).limit(1))
        own_offer = session.scalar(select(Offer).where(Offer.vendor_id == shop.id).order_by(Offer.id).limit(1))
        own_product = session.scalar(select(Product.id).join(ProductRevision, ProductRevision.product_id == Product.id)
                                     .where(ProductRevision.vendor_id == shop.id).limit(1)) or session.scalar(
            select(Variant.product_id).where(Variant.id == own_offer.variant_id))
        unlisted_variant = session.scalar(select(Variant.id).where(Variant.id.not_in(
            select(Offer.variant_id).where(Offer.vendor_id == shop.id))).limit(1))
        address = session.scalar(select(Address.id).where(Address.user_id == customer.id).limit(1))
        if address is None:
            address = add_address(customer, label="Home", recipient_name="Layla Customer", mobile="+971501234567",
                                  country="AE", region="dubai", area="Al Barsha", street="Street 12",
                                  building="Villa 7").id
        order = session.scalar(select(Order.number).where(Order.user_id == customer.id)
                               .order_by(Order.status.in_(("pending", "confirmed")).desc(), Order.id.desc()).limit(1))
        own_sub_order = session.scalar(select(SubOrder.id).where(SubOrder.vendor_id == shop.id).limit(1))
        document = session.scalar(select(VendorDocument).limit(1))
        values = {
            "catalog.show_brand": {"slug": product.brand.slug},
            "catalog.list_brand_facet_options": {"slug": product.brand.slug},
            "catalog.show_vendor": {"slug": shop.slug},
            "catalog.list_vendor_facet_options": {"slug": shop.slug},
            # A good link acts and redirects: the page people see here is the one for a link gone bad.
            "accounts.verify_email": {"token": "a-link-that-expired"},
            "accounts.confirm_email_change": {"token": "a-link-that-expired"},
            "accounts.reset_password": {"token": make_token(RESET_PASSWORD, {
                "user": customer.id, "password": password_fingerprint(customer.password_hash)})},
            "slug": product.slug, "category": product.category.slug, "group": "note",
            "address_id": address, "number": order,
            "admin.edit_brand": {"row_id": product.brand_id},
            "admin.edit_category": {"row_id": product.category_id},
            "admin.edit_note": {"row_id": session.scalar(select(Note.id).limit(1))},
            "coupon_id": session.scalar(select(Coupon.id).limit(1)),
            "emirate": session.scalar(select(DeliveryZone.emirate).limit(1)),
            "product_id": product.id, "vendor_portal.show_listing": {"product_id": own_product},
            "revision_id": session.scalar(select(ProductRevision.id).limit(1)),
            "user_id": customer.id, "vendor_id": document.vendor_id if document else shop.id,
            "document_id": document.id if document else None,
            "offer_id": own_offer.id, "variant_id": unlisted_variant, "sub_order_id": own_sub_order,
        }
        session.commit()
        return values


def orders_in_every_status(app) -> list[tuple[str, str]]:
    """An order (the customer's, any for the admin) and a shop's part of one in each status there is."""
    with app.app_context():
        session = database.session
        customer = session.scalar(select(User.id).where(User.email == "customer@example.com"))
        shop = session.scalar(select(Vendor.id).join(User, Vendor.owner_id == User.id)
                              .where(User.email == "vendor@example.com"))
        own = session.scalars(select(Order.number).where(Order.user_id == customer)
                              .distinct(Order.status).order_by(Order.status, Order.id)).all()
        any_ = session.scalars(select(Order.number).distinct(Order.status).order_by(Order.status, Order.id)).all()
        parts = session.scalars(select(SubOrder.id).where(SubOrder.vendor_id == shop)
                                .distinct(SubOrder.status).order_by(SubOrder.status, SubOrder.id)).all()
    return ([("customer", f"/account/orders/{number}") for number in own]
            + [("admin", f"/admin/orders/{number}") for number in any_]
            + [("vendor", f"/vendor/orders/{part}") for part in parts])


def url_of(app, rule, values: dict) -> str:
    """The rule's URL with example values; fails naming the part nobody gave a value for."""
    known = {**{k: v for k, v in values.items() if not isinstance(v, dict)}, **values.get(rule.endpoint, {})}
    parts = rule.arguments - set(rule.defaults or {})
    missing = sorted(part for part in parts if known.get(part) is None)
    assert not missing, f"{rule.rule}: add an example value for {missing} to example_values() in {__file__}"
    return rule.build({**(rule.defaults or {}), **{part: known[part] for part in parts}})[1]


def page_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in NOT_PAGES and not rule.rule.endswith(".csv")]


@pytest.fixture
def viewers(app, client, demo_data, create_user):
    """A test client per viewer, signed in as the demo's accounts (the admin past the second factor)."""
    with app.app_context():
        accounts = {email.split("@")[0]: database.session.scalar(select(User).where(User.email == email))
                    for email in ("customer@example.com", "courier@example.com", "vendor@example.com",
                                  "admin@example.com")}
        database.session.expunge_all()
    clients = {"guest": client}
    for viewer, account, second_factor in (("customer", "customer", False), ("courier", "courier", False),
                                          ("vendor", "vendor", False), ("admin", "admin", True),
                                          ("admin_at_second_factor", "admin", False)):
        clients[viewer] = app.test_client()
        sign_in_as(clients[viewer], accounts[account], second_factor=second_factor)
    return clients


def fill_bags(crawl: Crawl, viewers: dict) -> None:
    """Two perfumes from two shops in the guest's and the customer's bag, one in the customer's wishlist."""
    with crawl.app.app_context():
        offers = database.session.scalars(
            select(Offer).join(Variant).join(Product).where(Offer.is_active, Offer.stock > 3,
                                                            Product.status == "approved")
            .distinct(Offer.vendor_id).order_by(Offer.vendor_id, Offer.id).limit(2)).all()
        offers = [(offer.id, offer.variant.product_id) for offer in offers]
    for viewer in ("guest", "customer"):
        client = viewers[viewer]
        token = token_of(client, "/cart")
        for offer_id, _product_id in offers:
            client.post("/cart/lines", data={"offer_id": offer_id, "quantity": 1, "csrf_token": token})
    token = token_of(viewers["customer"], "/wishlist")
    viewers["customer"].post(f"/wishlist/{offers[0][1]}", data={"csrf_token": token})


def token_of(client, path: str) -> str:
    return CSRF_META.search(client.get(path).get_data(as_text=True)).group(1)


def walk_checkout(crawl: Crawl, client, viewer: str, language: str) -> None:
    """Each step of the checkout open, then refused (sent empty), then done; the review; each step reopened."""
    token = token_of(client, "/cart")
    for step, data in CHECKOUT_STEPS.items():
        crawl.visit(client, viewer, language, "/checkout")
        crawl.visit(client, viewer, language, f"/checkout/{step}", "POST", {"csrf_token": token},
                    keep=lambda status: status == 422)
        crawl.visit(client, viewer, language, f"/checkout/{step}", "POST", {"csrf_token": token, **data},
                    keep=lambda status: False)
    crawl.visit(client, viewer, language, "/checkout")
    crawl.visit(client, viewer, language, "/checkout/coupon", "POST", {"csrf_token": token, "code": "NOSUCHCODE"},
                keep=lambda status: status == 422)
    for step in CHECKOUT_STEPS:
        crawl.visit(client, viewer, language, f"/checkout?step={step}")


def place_card_order(crawl: Crawl, client, viewer: str) -> None:
    """Place the reviewed order (by card) and open its payment step and its result, before the card is paid."""
    html = client.get("/checkout").get_data(as_text=True)
    form = {name: re.search(rf'name="{name}" type="hidden" value="([^"]+)"', html).group(1)
            for name in ("key", "expected_total", "csrf_token")}
    placed = client.post("/checkout/place", data=form)
    assert placed.status_code == 303, placed.get_data(as_text=True)[:2000]
    number = placed.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    for language in LANGUAGES:  # the card form, then the result page still waiting for the card
        crawl.visit(client, viewer, language, placed.headers["Location"])
        crawl.visit(client, viewer, language, f"/checkout/paid/{number}")


def enrol_an_admin(crawl: Crawl, create_user, language: str) -> None:
    """A new admin signs in, sets up an authenticator app (a wrong code first) and gets the recovery codes."""
    email = f"new.admin.{language}@example.com"
    create_user(email=email, password=PASSWORD, roles=("admin",))
    client = crawl.app.test_client()
    client.set_cookie("lang", language)
    client.post("/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token_of(client, "/sign-in")})
    setup = crawl.visit(client, "new_admin", language, "/sign-in/second-factor/setup").get_data(as_text=True)
    secret = re.search(r'<code class="qr__secret" dir="ltr">([A-Z2-7]+)</code>', setup).group(1)
    token = CSRF_META.search(setup).group(1)
    crawl.visit(client, "new_admin", language, "/sign-in/second-factor/setup", "POST",
                {"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111", "csrf_token": token},
                keep=lambda status: status == 422)
    crawl.visit(client, "new_admin", language, "/sign-in/second-factor/setup", "POST",
                {"code": pyotp.TOTP(secret).now(), "csrf_token": token})


def visit_route(crawl: Crawl, viewers: dict, rule, url: str, language: str) -> None:
    """The route's page for each of its viewers; a route that redirects browsers without htmx is asked as htmx
    asks (a fragment: noted, not checked)."""
    answers = [crawl.visit(viewers[viewer], viewer, language, url, keep=lambda status: status in (200, 400))
               for viewer in VIEWERS[rule.endpoint.split(".")[0]]]
    if rule.endpoint not in crawl.reached and any(answer.status_code in (302, 303) for answer in answers):
        for viewer in VIEWERS[rule.endpoint.split(".")[0]]:
            crawl.visit(viewers[viewer], viewer, language, url, headers={"HX-Request": "true"})


def error_pages(crawl: Crawl, viewers: dict, language: str) -> None:
    """404, 403, 405 and 400 (a form without its token) as people meet them; 429 and 500 as their handlers
    render them; and the bare page for when even that fails."""
    every = lambda status: status >= 400  # noqa: E731
    crawl.visit(viewers["guest"], "guest", language, "/no-such-page", keep=every)
    crawl.visit(viewers["customer"], "customer", language, "/admin", keep=every)
    crawl.visit(viewers["guest"], "guest", language, "/language", keep=every)
    crawl.visit(viewers["guest"], "guest", language, "/language", "POST", {"lang": "ar"}, keep=every)
    for error in (TooManyRequests(), InternalServerError()):  # no route answers these on demand
        with crawl.app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
            crawl.app.preprocess_request()
            page = crawl.app.handle_user_exception(error) if error.code != 500 else render_server_error(error)
            response = crawl.app.make_response(page)
            crawl.keep("guest", language, f"({error.code} page)", response.get_data(as_text=True), "error")
    crawl.keep("guest", language, "(the bare 500 page)", BARE_SERVER_ERROR, "error")


def post_forms_empty(crawl: Crawl, viewers: dict, values: dict, language: str) -> None:
    """Every form page's form sent with nothing but its token: the page again, with its errors."""
    for rule in page_routes(crawl.app):
        if "POST" not in rule.methods or rule.endpoint in NOT_POSTED_EMPTY:
            continue
        url = url_of(crawl.app, rule, values)
        for viewer in VIEWERS[rule.endpoint.split(".")[0]]:
            client = viewers[viewer]
            client.set_cookie("lang", language)
            answer = client.get(url)
            if answer.status_code != 200:
                continue
            token = CSRF_META.search(answer.get_data(as_text=True)).group(1)
            crawl.visit(client, viewer, language, url, "POST", {"csrf_token": token},
                        keep=lambda status: 400 <= status < 500)


def java() -> str:
    """Java 11+ from the PATH, or the runtime vnu-jar's install downloaded when there was none."""
    downloaded = sorted((PROJECT_ROOT / "node_modules" / ".cache" / "vnu-jar" / "java").glob("**/bin/java"))
    found = shutil.which("java") or (str(downloaded[0]) if downloaded else None)
    assert found, "the Nu HTML checker needs Java 11 or newer on the PATH"
    return found


def check_with_nu(folder: Path) -> list[dict]:
    """The Nu HTML checker's errors for every page in the folder, from one JVM (the quick compiler only, which
    halves its time on a few hundred pages; it then needs a bigger stack)."""
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make test` installs it (npm ci, the vnu-jar package)"
    answer = subprocess.run([java(), "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR),
                             "--format", "json", "--errors-only", "--exit-zero-always", "--stdout", str(folder)],
                            capture_output=True, text=True, timeout=150)
    assert answer.returncode == 0, answer.stderr
    return [message for message in json.loads(answer.stdout)["messages"]
            if message.get("type") == "error" or message.get("subType") == "fatal"]


def crawl_every_page(crawl: Crawl, viewers: dict, values: dict, create_user) -> None:
    fill_bags(crawl, viewers)
    for language in LANGUAGES:
        walk_checkout(crawl, viewers["guest"], "guest", language)
        walk_checkout(crawl, viewers["customer"], "customer", language)
    place_card_order(crawl, viewers["customer"], "customer")
    for language in LANGUAGES:
        for rule in page_routes(crawl.app):
            visit_route(crawl, viewers, rule, url_of(crawl.app, rule, values), language)
        for viewer, url in MORE_PAGES + orders_in_every_status(crawl.app):
            crawl.visit(viewers[viewer], viewer, language, url)
        error_pages(crawl, viewers, language)
    for language in LANGUAGES:  # last: a form sent may change what the pages above show
        post_forms_empty(crawl, viewers, values, language)
        enrol_an_admin(crawl, create_user, language)


def unreached_routes(crawl: Crawl) -> list[str]:
    """Routes that gave no page in a language (nor a fragment): their example values need a look."""
    return sorted(f"{rule.rule} ({rule.endpoint}) in {sorted(set(LANGUAGES) - crawl.reached.get(rule.endpoint, set()))}"
                  for rule in page_routes(crawl.app)
                  if rule.endpoint not in crawl.fragments and crawl.reached.get(rule.endpoint, set()) != set(LANGUAGES))


def described(crawl: Crawl, message: dict) -> str:
    page = crawl.pages[Path(urlsplit(message["url"]).path).name]
    extract = " ".join((message.get("extract") or "").split())[:140]
    return (f"{page.viewer} {page.language} {page.url} line {message.get('lastLine')}: {message['message']}"
            f"  «{extract}»")


def test_every_page_is_valid_html_in_both_languages(app, viewers, create_user, stripe_configured):
    folder = Path(tempfile.mkdtemp(prefix="aromasouq-html-"))
    crawl = Crawl(app, folder)
    try:
        crawl_every_page(crawl, viewers, example_values(app), create_user)
        errors = [described(crawl, message) for message in check_with_nu(folder)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    unreached = unreached_routes(crawl)
    assert not unreached, "no page was checked for (see example_values):\n" + "\n".join(unreached)
    assert len(crawl.pages) > 300
    assert not errors, f"{len(errors)} HTML errors on {len(crawl.pages)} pages:\n" + "\n".join(errors)


BARE_HTMX_ATTRIBUTE = re.compile(r"(?<![\w-])hx-[a-z-]+=")


def test_no_template_writes_an_htmx_attribute_without_its_data_prefix():
    """Parts only htmx requests or rare states render (a form swapped in place, a payment still waiting) escape
    the crawl above: their htmx attributes are checked in the templates themselves."""
    bare = [f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()[:100]}"
            for path in sorted((PROJECT_ROOT / "templates").rglob("*.html"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if BARE_HTMX_ATTRIBUTE.search(line)]
    assert not bare, "write htmx attributes as data-hx-* (valid HTML):\n" + "\n".join(bare)
