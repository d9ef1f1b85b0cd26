"""The gate "no input gets a 5xx": every route in `app.url_map`, with each method it accepts, is walked with hostile
values in every path segment, query parameter and form field, as a guest, a signed-in customer and vendor, an
admin past the second factor and one setting it up, and no answer may be a 5xx, raise, or log an error.

Nothing here lists routes. The walk learns, per role, what to send from the app itself: the links, form actions
and field names of the pages it renders (the way a browser learns them), and the query and form keys each handler
reads (recorded while it runs). A route no page links to is still walked, with plain values in its path.
POSTs carry a valid CSRF token, so the handler is reached, and a few come without one or with a forged one.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import AnyConverter, IntegerConverter, RequestRedirect

from app.accounts.access import SECOND_FACTOR_SESSION_KEY
from app.accounts.views.session import PENDING_SIGN_IN
from app.core.queues import record_worker_heartbeat, redis_connection
from app.extensions import limiter
from tests.backoffice import sign_in_as
from tests.conftest import csrf_token_from
from tests.offers import edit, make_world
from tests.processes import wait_until

NEW_ADMIN = "new-admin@example.com"  # an admin with no authenticator app yet
# Who walks, in this order: (role, account, how far signed in).
ROLES = (
    ("guest", None, None),
    ("customer", "customer@example.com", "signed in"),
    ("vendor", "vendor@example.com", "signed in"),
    ("admin", "admin@example.com", "past the second factor"),
    ("new admin", NEW_ADMIN, "past the password, setting up the second factor"),
)
# Hostile values, as they travel percent-encoded in a URL or a form body ("%FF%FE" is not UTF-8).
HOSTILE = {
    "nul": quote("ab\x00cd"),
    "long": "x" * 10_000,
    "forty digits": "9" * 40,
    "negative": "-1",
    "negative forty digits": "-" + "9" * 40,
    "huge exponent": "1e999999",
    "not a number": "NaN",
    "not utf-8": "%FF%FEab",
}
NUMBERS_IN_PATHS = ("forty digits", "negative")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SENTINEL_TEXT, SENTINEL_NUMBER = "zqzqzq", 1357913579
NOT_REACHED = ("/sign-in", "/sign-in/second-factor")


@dataclass
class Target:
    """One rule and method, with the path values and field names the walk learned for it."""

    rule: object
    method: str
    values: dict = field(default_factory=dict)
    fields: set = field(default_factory=set)
    learned: bool = False
    reached: bool = False
    discovered_with: dict | None = None


class PageReader(HTMLParser):
    """Links, form actions (with their methods and fields) and htmx requests of one page."""

    def __init__(self):
        super().__init__()
        self.requests: list[tuple[str, str, set]] = []  # (method, url, field names)
        self.form: tuple[str, str, set] | None = None
        self.loose_fields: set = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.requests.append(("GET", attrs["href"], set()))
        if tag == "form":
            self.form = ((attrs.get("method") or "GET").upper(), attrs.get("action") or "", set())
            self.requests.append(self.form)
        for verb in ("get", "post"):
            url = attrs.get(f"data-hx-{verb}") or attrs.get(f"hx-{verb}")
            if url:
                self.requests.append((verb.upper(), url, {attrs["name"]} if attrs.get("name") else set()))
        if tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            (self.form[2] if self.form else self.loose_fields).add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None


ASKED: set = set()  # the query and form keys handlers asked for since the walk last looked


def recording(request_class):
    """The app's own request class, noting every key a handler asks its query or form values for."""

    class RecordingMultiDict(request_class.parameter_storage_class):
        def __contains__(self, key):
            ASKED.add(key)
            return super().__contains__(key)

        def __getitem__(self, key):
            ASKED.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None, type=None):
            ASKED.add(key)
            return super().get(key, default, type)

        def getlist(self, key, type=None):
            ASKED.add(key)
            return super().getlist(key, type)

    return type("RecordingRequest", (request_class,), {"parameter_storage_class": RecordingMultiDict})


class Walk:
    """The walk of one role through every route; `failures` lists what answered a 5xx or raised."""

    def __init__(self, app, client, role, email, stage, tracebacks):
        self.app, self.client, self.role, self.email, self.stage = app, client, role, email, stage
        self.tracebacks = tracebacks
        self.adapter = app.url_map.bind("localhost")
        self.targets = {(rule.rule, method): Target(rule, method) for rule in app.url_map.iter_rules()
                        for method in METHODS if method in rule.methods}
        self.failures: list[str] = []
        self.csrf_secret = None
        self.token = None
        self.requests = 0
        self.account, self.changed_something = None, True

    # signing in, and a token the app accepts --------------------------------------------------------
    def sign_in(self):
        """The session a real sign-in leaves at this role's stage, with the same CSRF secret each time, so that a
        walk that signs itself out (or changes roles) is signed in again for the next request."""
        if self.account is None or self.changed_something:
            self.account, self.changed_something = self.session_id(), False
        session_id = self.account
        with self.client.session_transaction() as session:
            session.clear()
            if self.stage in ("signed in", "past the second factor"):
                session["_user_id"] = session_id
                session["_fresh"] = True
            if self.stage == "past the second factor":
                session[SECOND_FACTOR_SESSION_KEY] = session_id
            if self.stage == "past the password, setting up the second factor":
                session[PENDING_SIGN_IN] = {"user": session_id, "next": "/", "via_password": True,
                                            "since": int(time.time())}
            if self.csrf_secret:
                session["csrf_token"] = self.csrf_secret
        if self.token is None:
            self.token = csrf_token_from(self.client, "/")
            with self.client.session_transaction() as session:
                self.csrf_secret = session["csrf_token"]

    def session_id(self) -> str | None:
        """The account's current session id: signing out (or a new password) ends the earlier ones."""
        if self.email is None:
            return None
        from app.accounts.models import User
        from app.extensions import db

        with self.app.app_context():
            return db.session.scalar(select(User).where(User.email == self.email)).get_id()

    # learning what to send ----------------------------------------------------------------------------
    def learn_from(self, html: str):
        reader = PageReader()
        reader.feed(html)
        for method, url, names in reader.requests:
            parts = urlsplit(url)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            try:
                rule, values = self.adapter.match(parts.path, method=method, return_rule=True)
            except (NotFound, MethodNotAllowed, RequestRedirect):
                continue
            target = self.targets.get((rule.rule, method))
            if target is None:
                continue
            if not target.learned:
                target.values, target.learned = values, True
            target.fields |= names | {key for key, _ in parse_qsl(parts.query)}
            if method == "POST":
                target.fields |= reader.loose_fields

    def plain_values(self, rule) -> dict:
        """Values a route's converters accept, for a route no page linked to."""
        values = {}
        for name, converter in rule._converters.items():
            if isinstance(converter, AnyConverter):
                values[name] = sorted(converter.items)[0]
            elif isinstance(converter, IntegerConverter):
                values[name] = 1
            else:
                values[name] = "a" * 32 if "{32}" in converter.regex else "x"
        return values

    def path(self, target, hostile_argument=None, hostile=None) -> str:
        values = {**self.plain_values(target.rule), **target.values}
        if hostile_argument is None:
            return self.adapter.build(target.rule.endpoint, values, method=target.method)
        converter = target.rule._converters[hostile_argument]
        sentinel = SENTINEL_NUMBER if isinstance(converter, IntegerConverter) else SENTINEL_TEXT
        if isinstance(converter, AnyConverter):
            converter.items.add(SENTINEL_TEXT)  # let the URL be built; the router still refuses it
        try:
            built = self.adapter.build(target.rule.endpoint, {**values, hostile_argument: sentinel},
                                       method=target.method)
        finally:
            if isinstance(converter, AnyConverter):
                converter.items.discard(SENTINEL_TEXT)
        return built.replace(str(sentinel), hostile, 1)

    # sending ---------------------------------------------------------------------------------------------
    def send(self, description, method, url, body=None, content_type=None, headers=None):
        self.sign_in()
        self.requests += 1
        self.changed_something = method != "GET"
        with self.app.app_context():
            limiter.reset()  # rate limits would stand between the walk and the handlers
        self.tracebacks.clear()
        try:
            response = self.client.open(url, method=method, data=body, content_type=content_type,
                                        headers=headers or {})
        except Exception as error:  # the test app lets unhandled errors through, as a 500 would be
            self.failures.append(f"{self.role} {method} {url[:120]} ({description}): raised {error!r}"[:400])
            return None
        if response.status_code >= 500:
            self.failures.append(f"{self.role} {method} {url[:120]} ({description}): {response.status_code}")
        if self.tracebacks:
            self.failures.append(f"{self.role} {method} {url[:120]} ({description}): logged "
                                 f"{self.tracebacks[0].getMessage()[:200]}")
        return response

    def reached(self, response) -> bool:
        """True when the handler itself answered (not the sign-in, second-factor or permission check)."""
        if response is None or response.status_code == 403:
            return False
        location = urlsplit(response.headers.get("Location", "")).path
        return not (response.status_code in (301, 302, 303) and location in NOT_REACHED)

    def form_body(self, target, turn: int, token: bool = True) -> str:
        """Every field with a hostile value; field i gets the (i + turn)th, so that `len(HOSTILE)` turns give
        every field every value."""
        values = list(HOSTILE.values())
        names = sorted(name for name in target.fields if name != "csrf_token")
        pairs = [(quote(name), values[(index + turn) % len(values)]) for index, name in enumerate(names)]
        if token and target.method != "GET":
            pairs.append(("csrf_token", quote(self.token)))
        return "&".join(f"{name}={value}" for name, value in pairs)

    def discover(self, target):
        """Open the route with plain values: learn from its page and from the keys its handler reads."""
        ASKED.clear()
        url = self.path(target)
        if target.method == "GET":
            response = self.send("plain", "GET", url + "?probe=1")
        else:
            response = self.send("plain", target.method, url, body=f"probe=1&csrf_token={quote(self.token)}",
                                 content_type="application/x-www-form-urlencoded")
        target.fields |= ASKED - {"probe"}
        if response is not None and response.mimetype == "text/html":
            self.learn_from(response.get_data(as_text=True))
        return response

    def attack(self, target, thorough: bool):
        """Hostile values in every field (all of them when `thorough`, two turns otherwise); when thorough, also
        in every path segment, and bodies of other kinds."""
        url, method = self.path(target), target.method
        for turn in range(len(HOSTILE) if thorough else 2):
            description = f"turn {turn} of the hostile values"
            if method == "GET":
                query = self.form_body(target, turn)
                self.send(description, "GET", f"{url}?{query}" if query else url)
            else:
                self.send(description, method, url, body=self.form_body(target, turn),
                          content_type="application/x-www-form-urlencoded")
        if not thorough:
            return
        if target.fields:
            repeated = "&".join(f"{quote(name)}=1&{quote(name)}={HOSTILE['nul']}" for name in sorted(target.fields))
            if method == "GET":
                self.send("repeated keys", "GET", f"{url}?{repeated}")
            else:
                self.send("repeated keys", method, url, body=f"{repeated}&csrf_token={quote(self.token)}",
                          content_type="application/x-www-form-urlencoded")
        if method != "GET":
            self.send_other_bodies(target, url)
        for argument, converter in target.rule._converters.items():
            for name, value in HOSTILE.items():
                if isinstance(converter, (IntegerConverter, AnyConverter)) and name not in NUMBERS_IN_PATHS:
                    continue  # the router cannot match these in a number or a choice
                self.send(f"{name} in <{argument}>", method, self.path(target, argument, value),
                          body=None if method == "GET" else f"csrf_token={quote(self.token)}",
                          content_type=None if method == "GET" else "application/x-www-form-urlencoded")

    def send_other_bodies(self, target, url):
        method, with_token = target.method, {"X-CSRFToken": self.token}
        fields = {name: ["ab\x00cd", -1, 10**40, {"nested": None}] for name in target.fields}
        self.send("JSON body", method, url, body=json.dumps(fields), content_type="application/json",
                  headers=with_token)
        self.send("malformed multipart", method, url, content_type="multipart/form-data; boundary=zz",
                  body=b'--zz\r\nContent-Disposition: form-data; name="a"; filename="\x00.png"\r\n\r\nno end',
                  headers=with_token)
        self.send("multipart without boundary", method, url, content_type="multipart/form-data", body=b"x",
                  headers=with_token)
        self.send("undecodable body", method, url, content_type="application/x-www-form-urlencoded",
                  body=b"csrf_token=" + self.token.encode() + b"&name=\xff\xfe\x00")
        self.send("no CSRF token", method, url, body=self.form_body(target, 0, token=False),
                  content_type="application/x-www-form-urlencoded")
        self.send("forged CSRF token", method, url, content_type="application/x-www-form-urlencoded",
                  body=f"csrf_token={HOSTILE['nul']}{HOSTILE['not utf-8']}")

    def run(self, already_walked: set) -> set:
        """Discover every route (twice over, so links found late are used), then attack what this role reaches.
        A handler a role before this one attacked thoroughly is attacked again more lightly (its signed-in ways)."""
        self.sign_in()
        for _round in range(2):
            for target in sorted(self.targets.values(), key=lambda t: (len(t.rule.arguments), t.rule.rule)):
                if target.discovered_with != target.values:
                    target.discovered_with = dict(target.values)
                    target.reached = self.reached(self.discover(target)) or target.reached
        walked = set()
        for key, target in self.targets.items():
            if target.reached:
                self.attack(target, thorough=key not in already_walked)
                walked.add(key)
        return walked


class TracebackCatcher(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def tracebacks():
    catcher = TracebackCatcher()
    logging.getLogger().addHandler(catcher)
    yield catcher.records
    logging.getLogger().removeHandler(catcher)


def hash_demo_passwords_quickly(app):
    """The demo accounts' passwords hashed at the test hasher's cost (the demo data hashes at production's)."""
    from app.accounts.models import User
    from app.extensions import db

    with app.app_context():
        for user in db.session.scalars(select(User).where(User.email.in_([email for _, email, _ in ROLES]))):
            user.set_password(app.config["DEMO_PASSWORD"])
        db.session.commit()


@pytest.mark.timeout(600)  # about a minute and a half on an idle machine; several times that on a busy one
def test_no_input_gets_a_server_error(app, client, demo_data, worker, tracebacks, monkeypatch, create_user):
    # `worker`: with one running, /health's answer is 200; its 503 says a part is down, not that input hurt it.
    # The session's worker beats only every few minutes when idle, and an earlier test's FLUSHDB may have erased
    # its last beat: write the beat it is about to write, so /health judges the running worker.
    with app.app_context():
        record_worker_heartbeat(redis_connection())
    wait_until(lambda: client.get("/health").status_code == 200, timeout=30, what="a healthy store before the walk")
    create_user(email=NEW_ADMIN, full_name="Salma New", roles=("admin",))
    hash_demo_passwords_quickly(app)
    monkeypatch.setattr(app, "request_class", recording(app.request_class))
    failures, walked, counts = [], set(), {}
    for role, email, stage in ROLES:
        walk = Walk(app, app.test_client(), role, email, stage, tracebacks)
        walked |= walk.run(walked)
        failures += walk.failures
        counts[role] = walk.requests
    unreached = sorted(f"{method} {rule}" for rule, method in walk.targets if (rule, method) not in walked)
    print(f"requests sent per role: {counts}")
    assert not failures, f"{len(failures)} requests failed:\n" + "\n".join(failures[:80])
    assert not unreached, f"no role reached these handlers (add the role that does): {unreached}"


# What the report found, each on its own ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/p/%00", "/p/%00/reviews", "/brands/%00", "/v/%00", "/checkout/pay/%00",
                                  "/checkout/paid/%00", "/brands/%00/facets/brand", "/v/%00/facets/brand",
                                  "/account/orders/%00", "/static/%00.css", "/media/products/a%00b.jpg"])
def test_a_nul_in_a_path_is_no_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_a_nul_in_a_query_value_is_dropped(client):
    response = client.get("/search?q=oud%00")
    assert response.status_code == 200
    assert "“oud”" in response.get_data(as_text=True)


@pytest.mark.parametrize("language, message", [
    ("en", "Enter a price in dirhams above zero"),
    ("ar", "أدخل سعرًا بالدرهم أكبر من صفر"),
])
def test_an_offer_price_of_forty_digits_comes_back_with_the_error_in_the_vendors_language(
        app, db, client, create_user, language, message):
    world = make_world(app, db, create_user, language=language, accounts=("vendor",))
    sign_in_as(client, world.users["vendor"])
    response = edit(client, world.royal_oud, price="9" * 40, compare_at_price="9" * 40)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert 'value="' + "9" * 40 + '"' in response.get_data(as_text=True)  # what was typed is kept
