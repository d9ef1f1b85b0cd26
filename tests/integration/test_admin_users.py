"""The back office's users: the table (search by name, email or mobile; role, verified and active filters;
sort, pages, htmx, CSV), roles with the self-protection rules, deactivation that ends sessions and
blocks sign-in, reactivation, a new verification link sent through the outbox to a real SMTP server,
and bulk deactivate / reactivate — each change audited."""
import csv
import email
import email.policy
import io
import re
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.embedded import free_port
from app.notifications.jobs import deliver_notification
from app.notifications.models import Notification
from tests.backoffice import post_form, sign_in_as, text_of
from tests.conftest import csrf_token_from

PASSWORD = "correct horse battery"


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def people(app, db, create_user):
    """Three more accounts: a customer with a mobile, an unverified one, a vendor."""
    noor = create_user(email="noor@example.com", full_name="Noor Haddad")
    omar = create_user(email="omar@example.com", full_name="Omar Saleh")
    hessa = create_user(email="hessa@example.com", full_name="Hessa Vendor", roles=("customer", "vendor"))
    with app.app_context():
        db.session.execute(update(User).where(User.id == noor.id).values(mobile="+971501234567"))
        db.session.execute(update(User).where(User.id == omar.id).values(email_verified_at=None))
        db.session.commit()
    return {"noor": noor, "omar": omar, "hessa": hessa}


def account(app, db, user_id) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.refresh(user)
        return user


def audit(app, db, action):
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def names_in(response) -> list[str]:
    return re.findall(r'href="/admin/users/\d+"><bdi>([^<]+)</bdi>', response.get_data(as_text=True))


def user_action(client, user_id, action, **data):
    return post_form(client, f"/admin/users/{user_id}/{action}", f"/admin/users/{user_id}", **data)


def sign_in(client, email, password=PASSWORD):
    return client.post("/sign-in", data={"email": email, "password": password,
                                         "csrf_token": csrf_token_from(client, "/sign-in")})


# ---- The table ----

@pytest.mark.parametrize("query, expected", [
    ("q=noor&sort=name", ["Noor Haddad"]),
    ("q=OMAR%40example&sort=name", ["Omar Saleh"]),
    ("q=050+123+4567&sort=name", ["Noor Haddad"]),  # a local mobile finds +971501234567
    ("q=%D9%A0%D9%A5%D9%A0%D9%A1%D9%A2%D9%A3%D9%A4&sort=name", ["Noor Haddad"]),  # in Arabic-Indic digits
    ("role=vendor&sort=name", ["Hessa Vendor"]),
    ("role=admin&sort=name", ["Aisha Admin"]),
    ("verified=no&sort=name", ["Omar Saleh"]),
    ("verified=yes&sort=name", ["Aisha Admin", "Hessa Vendor", "Noor Haddad"]),
    ("sort=-name", ["Omar Saleh", "Noor Haddad", "Hessa Vendor", "Aisha Admin"]),
    ("sort=email", ["Aisha Admin", "Hessa Vendor", "Noor Haddad", "Omar Saleh"]),
])
def test_the_table_searches_filters_and_sorts(client, admin, people, query, expected):
    sign_in_as(client, admin, second_factor=True)
    response = client.get(f"/admin/users?{query}")
    assert response.status_code == 200
    assert names_in(response) == expected


def test_nonsense_parameters_show_the_whole_table(client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    response = client.get("/admin/users?role=nobody&verified=maybe&active=0&sort=nonsense&page=-3&q=" + "x" * 500)
    assert response.status_code == 200 and "0 accounts" in text_of(response)
    everyone = client.get("/admin/users?role=nobody&verified=maybe&sort=nonsense&page=99999")
    assert everyone.status_code == 200 and "4 accounts" in text_of(everyone)


def test_the_active_filter_and_pages(app, db, client, admin, create_user):
    for number in range(26):
        create_user(email=f"shopper{number:02d}@example.com", full_name=f"Shopper {number:02d}")
    with app.app_context():
        db.session.execute(update(User).where(User.email == "shopper00@example.com").values(is_active_account=False))
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    assert names_in(client.get("/admin/users?active=no")) == ["Shopper 00"]
    first = client.get("/admin/users?sort=name")
    assert len(names_in(first)) == 25 and "Page 1 of 2" in text_of(first)
    second = client.get("/admin/users?sort=name&page=2", headers={"HX-Request": "true"})
    assert names_in(second) == ["Shopper 24", "Shopper 25"]  # 27 accounts with the admin
    assert "<html" not in second.get_data(as_text=True) and "HX-Request" in second.headers["Vary"]


def test_the_csv_has_every_matching_account(client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    response = client.get("/admin/users.csv?role=customer&sort=email")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["email"] for row in rows] == ["hessa@example.com", "noor@example.com", "omar@example.com"]
    noor = rows[1]
    # A leading "+" would make spreadsheet programs read a formula: the export keeps it as text.
    assert (noor["mobile"], noor["roles"], noor["email_verified"], noor["active"]) == (
        "'+971501234567", "customer", "yes", "yes")


def test_a_users_page_shows_profile_roles_verification_and_shop(app, db, client, admin, people):
    from app.vendors.models import Vendor

    with app.app_context():
        db.session.add(Vendor(slug="hessa-oud", name_en="Hessa Oud", name_ar="عود حصة", status="approved",
                              owner_id=people["hessa"].id))
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    page = text_of(client.get(f"/admin/users/{people['hessa'].id}"))
    assert "hessa@example.com" in page and "Hessa Oud" in page and "Yes, on" in page and "No orders yet." in page
    unverified = text_of(client.get(f"/admin/users/{people['omar'].id}"))
    assert "Not yet" in unverified and "Send a new verification link" in unverified
    assert client.get("/admin/users/2147483647").status_code == 404


# ---- Roles ----

def test_roles_change_end_the_sessions_and_are_audited(app, db, client, admin, people):
    noor = people["noor"]
    sign_in_as(client, admin, second_factor=True)
    response = user_action(client, noor.id, "roles", roles=["customer", "courier"])
    assert response.status_code == 303
    changed = account(app, db, noor.id)
    assert changed.roles == ["customer", "courier"] and changed.session_version == noor.session_version + 1
    (entry,) = audit(app, db, "user.roles")
    assert (entry.actor_id, entry.before, entry.after) == (
        admin.id, {"roles": ["customer"]}, {"roles": ["customer", "courier"]})


def test_granting_vendor_without_a_shop_is_fine(app, db, client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    assert user_action(client, people["noor"].id, "roles", roles=["customer", "vendor"]).status_code == 303
    assert account(app, db, people["noor"].id).roles == ["customer", "vendor"]


def test_granting_admin_must_be_confirmed(app, db, client, admin, people):
    noor = people["noor"]
    sign_in_as(client, admin, second_factor=True)
    refused = user_action(client, noor.id, "roles", roles=["customer", "admin"])
    assert refused.status_code == 422 and "Tick the box to confirm" in text_of(refused)
    assert re.search(r'<input checked[^>]*value="admin"', refused.get_data(as_text=True))  # the ticks are kept
    assert account(app, db, noor.id).roles == ["customer"] and audit(app, db, "user.roles") == []

    assert user_action(client, noor.id, "roles", roles=["customer", "admin"], confirm_admin="y").status_code == 303
    assert account(app, db, noor.id).roles == ["customer", "admin"]
    assert audit(app, db, "user.roles")[0].after == {"roles": ["customer", "admin"]}


def test_an_admin_cannot_remove_their_own_admin_role(app, db, client, admin):
    sign_in_as(client, admin, second_factor=True)
    refused = user_action(client, admin.id, "roles", roles=["customer"])
    assert refused.status_code == 422 and "You cannot remove your own admin role" in text_of(refused)
    assert account(app, db, admin.id).roles == ["admin"]

    # Adding a role to oneself works, and this session carries on (other sessions end).
    assert user_action(client, admin.id, "roles", roles=["admin", "courier"]).status_code == 303
    assert account(app, db, admin.id).roles == ["courier", "admin"]
    assert client.get("/admin/users").status_code == 200


def test_no_role_at_all_is_refused(client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    refused = user_action(client, people["noor"].id, "roles")
    assert refused.status_code == 422 and "Choose at least one role." in text_of(refused)


# ---- Deactivate and reactivate ----

def test_deactivating_ends_the_sessions_at_once_and_blocks_sign_in(app, db, admin, people):
    noor_browser, admin_browser = app.test_client(), app.test_client()
    assert sign_in(noor_browser, "noor@example.com").status_code == 303
    assert noor_browser.get("/account").status_code == 200

    sign_in_as(admin_browser, admin, second_factor=True)
    response = user_action(admin_browser, people["noor"].id, "deactivate")
    assert "The account is deactivated" in text_of(admin_browser.get(response.headers["Location"]))

    assert noor_browser.get("/account").status_code == 302  # the open session is gone
    refused = sign_in(noor_browser, "noor@example.com")
    assert refused.status_code == 422 and "This account has been deactivated" in text_of(refused)
    assert "This account has been deactivated" not in text_of(sign_in(noor_browser, "noor@example.com", "wrong one!"))
    (entry,) = audit(app, db, "user.deactivate")
    assert (entry.before, entry.after) == ({"is_active_account": True}, {"is_active_account": False})


def test_the_refusal_to_sign_in_is_in_arabic_too(app, db, client, admin, people):
    with app.app_context():
        db.session.execute(update(User).where(User.id == people["noor"].id).values(is_active_account=False))
        db.session.commit()
    client.set_cookie("lang", "ar")
    refused = sign_in(client, "noor@example.com")
    assert refused.status_code == 422 and "تم إيقاف هذا الحساب" in text_of(refused)


def test_reactivating_lets_the_owner_sign_in_again(app, db, client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    user_action(client, people["noor"].id, "deactivate")
    assert user_action(client, people["noor"].id, "reactivate").status_code == 303
    assert account(app, db, people["noor"].id).is_active_account
    assert [entry.after for entry in audit(app, db, "user.reactivate")] == [{"is_active_account": True}]
    browser = app.test_client()
    assert sign_in(browser, "noor@example.com").status_code == 303


def test_an_admin_cannot_deactivate_themselves(app, db, client, admin):
    sign_in_as(client, admin, second_factor=True)
    response = user_action(client, admin.id, "deactivate")
    assert "You cannot deactivate your own account." in text_of(client.get(response.headers["Location"]))
    assert account(app, db, admin.id).is_active_account and audit(app, db, "user.deactivate") == []


def test_a_deleted_account_cannot_be_changed(app, db, client, admin, people):
    from app.accounts.services import delete_account

    with app.app_context():
        delete_account(db.session.get(User, people["noor"].id), PASSWORD)
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    response = user_action(client, people["noor"].id, "reactivate")
    assert "deleted by its owner" in text_of(client.get(response.headers["Location"]))
    assert not account(app, db, people["noor"].id).is_active


# ---- A new verification link ----

class MailStore:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 2.0.0 Message accepted"


@pytest.fixture
def mail_server(app, monkeypatch):
    """A real SMTP server (aiosmtpd) the app's mail settings point at for this test."""
    store = MailStore()
    controller = Controller(store, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setattr(app.extensions["mail"], "server", "127.0.0.1")
    monkeypatch.setattr(app.extensions["mail"], "port", controller.port)
    yield store
    controller.stop()


def test_a_new_verification_link_reaches_the_mailbox_and_verifies(app, db, client, admin, people, mail_server):
    omar = people["omar"]
    sign_in_as(client, admin, second_factor=True)
    response = user_action(client, omar.id, "verification")
    assert "A new verification link is on its way to omar@example.com" in text_of(
        client.get(response.headers["Location"]))
    with app.app_context():
        row = db.session.scalar(select(Notification).where(Notification.kind == "verify_email",
                                                           Notification.channel == "email"))
        assert row.recipient == "omar@example.com"
        assert deliver_notification(row.id) == "delivered"
    (message,) = mail_server.messages
    assert message["To"] == "omar@example.com"
    link = re.search(r"https?://\S+/verify-email/\S+", message.get_body(("plain",)).get_content()).group(0)
    client.get(urlsplit(link).path)
    assert account(app, db, omar.id).is_email_verified
    assert audit(app, db, "user.resend_verification")[0].after == {"email": "omar@example.com"}


def test_a_verified_address_gets_no_link(app, db, client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    response = user_action(client, people["noor"].id, "verification")
    assert "already verified" in text_of(client.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(select(Notification).where(Notification.kind == "verify_email")) is None


def test_verification_links_are_limited_to_three_an_hour(app, db, client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    for _ in range(3):
        user_action(client, people["omar"].id, "verification")
    response = user_action(client, people["omar"].id, "verification")
    assert "Three links were sent to this address in the last hour" in text_of(
        client.get(response.headers["Location"]))
    with app.app_context():
        sent = db.session.scalars(select(Notification).where(Notification.kind == "verify_email",
                                                             Notification.channel == "email")).all()
    assert len(sent) == 3


# ---- Bulk actions ----

def bulk(client, action, user_ids, next_path="/admin/users?role=customer"):
    return post_form(client, "/admin/users/bulk", "/admin/users", action=action, users=user_ids, next=next_path)


def test_bulk_deactivate_and_reactivate_leave_out_the_admin_themselves(app, db, client, admin, people):
    ids = [people["noor"].id, people["omar"].id, admin.id]
    sign_in_as(client, admin, second_factor=True)
    response = bulk(client, "deactivate", ids)
    assert response.status_code == 303 and response.headers["Location"] == "/admin/users?role=customer"
    page = text_of(client.get(response.headers["Location"]))
    assert "2 accounts are deactivated" in page and "1 ticked account was left out" in page
    assert [account(app, db, user_id).is_active_account for user_id in ids] == [False, False, True]
    assert len(audit(app, db, "user.deactivate")) == 2

    bulk(client, "reactivate", [people["noor"].id])
    assert account(app, db, people["noor"].id).is_active_account
    assert not account(app, db, people["omar"].id).is_active_account


def test_bulk_without_ticks_or_with_nonsense_says_so(app, db, client, admin, people):
    sign_in_as(client, admin, second_factor=True)
    for action, ids in (("deactivate", []), ("explode", [people["noor"].id]), ("deactivate", ["abc"])):
        response = bulk(client, action, ids, next_path="https://evil.example/")
        assert response.headers["Location"] == "/admin/users"
        assert "Tick at least one account" in text_of(client.get("/admin/users"))
    assert account(app, db, people["noor"].id).is_active_account
