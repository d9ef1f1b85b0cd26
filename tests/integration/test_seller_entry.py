"""The store's promises and its door for sellers: the top bar says only where checkout delivers; /vendor shows
an applicant where their application stands (never a 403); "Sell on AromaSouQ" in the footer and the account
menu leads each visitor to the form, their application or their portal, in both languages."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from app.vendors.models import Vendor
from tests.backoffice import apply, sign_in_as, text_of

HEADERS = {"en": {"Accept-Language": "en"}, "ar": {"Accept-Language": "ar"}}


@pytest.mark.parametrize("language, promise", [
    ("en", "Authentic fragrances from trusted houses · Delivery across the seven emirates of the UAE"),
    ("ar", "عطور أصلية من دور موثوقة · توصيل إلى إمارات الدولة السبع"),
])
def test_the_top_bar_promises_only_the_delivery_checkout_makes(client, language, promise):
    body = client.get("/", headers=HEADERS[language]).get_data(as_text=True)
    announcement = re.search(r'<p class="announcement">([^<]*)</p>', body).group(1)
    assert announcement == promise
    assert "GCC" not in announcement and "الخليج" not in announcement


def applied(app, db, client, create_user, language: str, status: str = "pending", roles=("customer",)):
    """An account that reads `language` and has applied to sell, signed in; its shop moved to `status`."""
    user = create_user(email=f"seller-{language}@example.com", preferred_language=language, roles=roles)
    sign_in_as(client, user)
    assert apply(client).status_code == 303
    if status != "pending":
        with app.app_context():
            db.session.execute(update(Vendor).where(Vendor.owner_id == user.id)
                               .values(status=status, status_reason="The licence copy is unreadable."))
            db.session.commit()
    return user


STATUS_TEXT = {
    ("en", "pending"): ("Waiting for review", "Our team is checking your application."),
    ("ar", "pending"): ("قيد المراجعة", "يراجع فريقنا طلبك الآن"),
    ("en", "rejected"): ("Not approved", "Your application was not approved. Reason: The licence copy is unreadable."),
    ("ar", "rejected"): ("غير مقبول", "لم تتم الموافقة على طلبك. السبب: The licence copy is unreadable."),
    ("en", "suspended"): ("Suspended", "Your shop is suspended and its offers are hidden from the store."),
    ("ar", "suspended"): ("موقوف", "متجرك موقوف وعروضه مخفية من المتجر."),
}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_applicant_at_vendor_sees_where_the_application_stands(app, db, client, create_user, language, status):
    applied(app, db, client, create_user, language, status)
    response = client.get("/vendor")
    assert response.status_code == 303 and response.headers["Location"].endswith("/vendor/application")
    page = client.get("/vendor", follow_redirects=True)
    assert page.status_code == 200
    label, explanation = STATUS_TEXT[language, status]
    assert label in text_of(page) and explanation in text_of(page)
    assert "بيت ليلى للعود" in text_of(page) if language == "ar" else "Layla&#39;s Oud House" in page.get_data(
        as_text=True)


def test_a_suspended_vendor_keeps_the_dashboard_with_the_suspension_said(app, db, client, create_user):
    applied(app, db, client, create_user, "en", "suspended", roles=("customer", "vendor"))
    page = client.get("/vendor")
    assert page.status_code == 200
    assert "Your shop is suspended and its offers are hidden from the store." in text_of(page)


def test_an_account_that_has_not_applied_is_sent_to_the_application_form(client, customer):
    sign_in_as(client, customer)
    response = client.get("/vendor")
    assert response.status_code == 303 and response.headers["Location"].endswith("/vendor/apply")


def seller_links(response) -> dict[str, list[str]]:
    """{where: [href, link text]} of the footer's and the account menu's seller links."""
    body = response.get_data(as_text=True)
    links = {}
    footer = re.search(r'<a class="site-footer__sell" href="([^"]*)">([^<]*)</a>', body)
    if footer:
        links["footer"] = list(footer.groups())
    menu = body.split('class="account-menu__panel"')[1].split("</div>")[0] if "account-menu__panel" in body else ""
    found = re.search(r'<a class="account-menu__item" href="(/vendor[^"]*)">([^<]*)</a>', menu)
    if found:
        links["menu"] = list(found.groups())
    return links


@pytest.mark.parametrize("language, sell", [("en", "Sell on AromaSouQ"), ("ar", "بِع على أروما سوق")])
def test_guests_and_customers_are_invited_to_sell(client, create_user, language, sell):
    assert seller_links(client.get("/", headers=HEADERS[language])) == {"footer": ["/vendor/apply", sell]}
    sign_in_as(client, create_user(email="noor@example.com", preferred_language=language))
    assert seller_links(client.get("/products")) == {"footer": ["/vendor/apply", sell],
                                                     "menu": ["/vendor/apply", sell]}


@pytest.mark.parametrize("language, sell, application", [("en", "Sell on AromaSouQ", "Your seller application"),
                                                          ("ar", "بِع على أروما سوق", "طلبك للبيع على أروما سوق")])
def test_an_applicant_is_led_to_the_application(app, db, client, create_user, language, sell, application):
    applied(app, db, client, create_user, language)
    assert seller_links(client.get("/")) == {"footer": ["/vendor/application", sell],
                                             "menu": ["/vendor/application", application]}


@pytest.mark.parametrize("language, sell, portal", [("en", "Sell on AromaSouQ", "Vendor portal"),
                                                     ("ar", "بِع على أروما سوق", "بوابة البائع")])
def test_a_vendor_is_led_to_the_portal(app, db, client, create_user, language, sell, portal):
    applied(app, db, client, create_user, language, "approved", roles=("customer", "vendor"))
    assert seller_links(client.get("/")) == {"footer": ["/vendor", sell], "menu": ["/vendor", portal]}
