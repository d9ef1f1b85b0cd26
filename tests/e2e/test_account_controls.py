"""The account's pages in a real browser, every control clicked the four ways (Arabic on a phone, English on a
desktop, with JavaScript and without): the profile with its notification preferences, and the address book's
add, edit, make default and delete — each checked on the page and in the database."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.accounts.models import Address, User
from app.extensions import db as database
from tests.e2e.clicking import Visit, say, way  # noqa: F401  (fixtures)
from tests.e2e.conftest import has_no_horizontal_scroll
from tests.shop import UAE_ADDRESS

PREFERENCES = ("notify_orders_by_email", "notify_orders_by_sms", "notify_orders_in_app", "marketing_opt_in",
               "notify_marketing_by_email", "notify_marketing_by_sms")


def account_of(app, user_id) -> User:
    with app.app_context():
        user = database.session.get(User, user_id)
        database.session.expunge(user)
        return user


def addresses_of(app, user_id) -> list[tuple[str, str, bool]]:
    """(label, area, is default) of the customer's addresses, oldest first."""
    with app.app_context():
        return [tuple(row) for row in database.session.execute(
            select(Address.label, Address.area, Address.is_default).where(Address.user_id == user_id)
            .order_by(Address.id)).all()]


def test_edit_the_profile_and_notification_preferences(app, committed_db, signed_in_page, way, say):
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    before = account_of(app, user.id)
    visit = Visit(page, way)
    visit.goto("/account")

    page.locator("#full_name").fill("Noor Al Hashimi")
    page.locator("#mobile").fill("055 765 4321")
    wanted = {name: not getattr(before, name) for name in ("notify_orders_by_sms", "marketing_opt_in",
                                                            "notify_marketing_by_email")}
    for name, ticked in wanted.items():
        page.locator(f"#{name}").set_checked(ticked)
    page.get_by_role("button", name=say("Save profile")).click()

    expect(page.locator(".flash--success")).to_have_text(say("Your profile has been saved."))
    expect(page.locator("#full_name")).to_have_value("Noor Al Hashimi")
    expect(page.locator("#mobile")).to_have_value(re.compile(r"55 765 4321"))
    for name in PREFERENCES:
        expected = wanted.get(name, getattr(before, name))
        expect(page.locator(f"#{name}")).to_be_checked(checked=expected)
    expect(page.locator("html")).to_have_attribute("lang", way.language)
    after = account_of(app, user.id)
    assert (after.full_name, after.mobile, after.preferred_language) == (
        "Noor Al Hashimi", "+971557654321", way.language)
    assert {name: getattr(after, name) for name in PREFERENCES} == {
        name: wanted.get(name, getattr(before, name)) for name in PREFERENCES}
    assert has_no_horizontal_scroll(page)


def fill_address(page, prefix: str, way, label: str, area: str) -> None:
    page.locator(f"#{prefix}label").fill(label)
    page.locator(f"#{prefix}recipient_name").fill("Noor Haddad")
    page.locator(f"#{prefix}mobile").fill("050 123 4567")
    page.locator(f"#{prefix}region").fill("دبي" if way.language == "ar" else "Dubai")
    page.locator(f"#{prefix}area").fill(area)
    page.locator(f"#{prefix}street").fill("Street 12")
    page.locator(f"#{prefix}building").fill("Villa 7")


def test_add_edit_make_default_and_delete_addresses(app, committed_db, signed_in_page, way, say):
    from app.accounts.address_book import add_address

    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    with app.app_context():
        office = add_address(database.session.get(User, user.id), label="Office",
                             **{**UAE_ADDRESS, "region": "sharjah", "area": "Al Majaz"}).id
        database.session.commit()
    visit = Visit(page, way)
    visit.goto("/account/addresses")
    cards = page.locator(".address-card")
    expect(cards).to_have_count(1)

    page.locator(".address-book__add").click()
    form = page.locator("#new-address-form")
    expect(form).to_be_visible()
    fill_address(page, "", way, "Home", "Al Barsha")
    form.locator("button[type=submit]").click()
    visit.expect_told(say("Address added."))
    expect(cards).to_have_count(2)
    home_card = cards.filter(has_text="Home")
    expect(home_card).to_contain_text("Al Barsha")
    assert addresses_of(app, user.id) == [("Office", "Al Majaz", True), ("Home", "Al Barsha", False)]

    home_card.get_by_role("button", name=say("Make default")).click()
    visit.expect_told(say("Your default address is now “%(label)s”.", label="Home"))
    expect(home_card.locator(".address-card__badge")).to_have_text(say("Default"))
    assert addresses_of(app, user.id) == [("Office", "Al Majaz", False), ("Home", "Al Barsha", True)]

    office_card = page.locator(f"#address-{office}")
    office_card.get_by_role("link", name=say("Edit")).click()
    prefix = f"address-{office}-"
    expect(page.locator(f"#{prefix}label")).to_have_value("Office")
    page.locator(f"#{prefix}label").fill("Work")
    page.locator(f"#{prefix}area").fill("Al Nahda")
    page.locator(f"#{prefix}form button[type=submit]").click()
    visit.expect_told(say("Address saved."))
    expect(office_card).to_contain_text("Work")
    expect(office_card).to_contain_text("Al Nahda")
    assert addresses_of(app, user.id) == [("Work", "Al Nahda", False), ("Home", "Al Barsha", True)]

    if way.javascript:
        page.once("dialog", lambda dialog: dialog.accept())  # data-hx-confirm asks "Delete this address?"
        office_card.get_by_role("link", name=say("Delete")).click()
    else:  # the link opens a page that asks
        office_card.get_by_role("link", name=say("Delete")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(say("Delete this address?"))
        page.get_by_role("button", name=say("Delete address")).click()
    visit.expect_told(say("Address deleted."))
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Home")
    assert addresses_of(app, user.id) == [("Home", "Al Barsha", True)]
    visit.expect_in_place()
    assert has_no_horizontal_scroll(page)
