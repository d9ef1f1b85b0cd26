"""Every setting of AromaSouQ, read from the environment, each with its default.

The README's settings table mirrors this file. Production (APP_ENV=production) refuses to start
with the default secret key, with demo data enabled or with a Stripe stand-in: see `Config.check`.
"""
from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-not-secret"
STRIPE_API = "https://api.stripe.com"


def env_flag(name: str, default: bool) -> bool:
    """Read a yes/no setting ("1", "true", "yes", "on" mean yes)."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


class ConfigurationError(RuntimeError):
    """A setting makes the app unsafe or unable to start."""


class Config:
    """Settings from the environment; instantiate to read them at that moment."""

    def __init__(self) -> None:
        # development | test | production (FLASK_ENV is accepted as an alias).
        self.APP_ENV = os.environ.get("APP_ENV") or os.environ.get("FLASK_ENV") or "development"
        # Signs sessions, CSRF tokens and emailed links. Must be set in production.
        self.SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
        # Where embedded servers keep their data, mail files and SMS logs.
        self.INSTANCE_PATH = os.environ.get("INSTANCE_PATH", str(PROJECT_ROOT / "instance"))
        # PostgreSQL URL; `make run` starts an embedded server and sets it when empty.
        running = read_running_embedded_services(self.INSTANCE_PATH)
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL") or running.get("DATABASE_URL", "")
        )
        # Redis URL for queues, rate limits and heartbeats; `make run` starts an embedded server when empty.
        self.REDIS_URL = os.environ.get("REDIS_URL") or running.get("REDIS_URL", "")
        # Load the demo accounts (and later the demo catalog) into an empty database.
        self.DEMO_DATA = env_flag("DEMO_DATA", self.APP_ENV != "production")
        # Password of every demo account.
        self.DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "aromasouq-demo")
        # The public address of the site, for links in emails and SMS (never taken from the request's Host).
        self.SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '5000')}").rstrip("/")
        # How many proxies (nginx, a load balancer) stand in front of gunicorn and set X-Forwarded-For/-Proto.
        # Rate limits count per client address, so behind proxies this must be right. 0: none (make run).
        self.PROXY_COUNT = env_int("PROXY_COUNT", 0)
        # Seconds after which /health calls the worker's heartbeat stale.
        self.WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 90)
        # Log level of the one-line JSON logs (DEBUG, INFO, WARNING, ERROR).
        self.LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
        # Version reported by /health and the footer.
        self.APP_VERSION = os.environ.get("APP_VERSION", read_version())
        # Elasticsearch (optional; PostgreSQL full text is used when empty).
        self.ELASTICSEARCH_NODE = os.environ.get("ELASTICSEARCH_NODE", "")
        self.ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
        self.ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
        # SMTP (optional; mail is written to instance/mail/ as .eml files when MAIL_SERVER is empty).
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
        self.MAIL_PORT = env_int("MAIL_PORT", 25)
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
        self.MAIL_USE_TLS = env_flag("MAIL_USE_TLS", False)
        self.MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "AromaSouQ <no-reply@aromasouq.example>")
        # Twilio SMS (optional; SMS are logged under instance/sms/ when empty).
        self.TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
        self.TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
        self.TWILIO_PHONE_NUMBER = os.environ.get("TWILIO_PHONE_NUMBER", "")
        # Base URL of Twilio's REST API; empty means Twilio's own (tests point it at a local server).
        self.TWILIO_API_BASE_URL = os.environ.get("TWILIO_API_BASE_URL", "")
        # Stripe card payments (optional; cash on delivery works without them). Card payment is offered
        # only when both keys are set; the webhook secret (whsec_…) verifies Stripe's event signatures.
        # Without any, `make run` starts localstripe and sets all five (never in production).
        stripe_setting = lambda name: os.environ.get(name) or running.get(name, "")  # noqa: E731
        self.STRIPE_SECRET_KEY = stripe_setting("STRIPE_SECRET_KEY")
        self.STRIPE_PUBLISHABLE_KEY = stripe_setting("STRIPE_PUBLISHABLE_KEY")
        self.STRIPE_WEBHOOK_SECRET = stripe_setting("STRIPE_WEBHOOK_SECRET")
        # Stripe's REST API; tests and a local trial point it at localstripe (http://127.0.0.1:8420).
        self.STRIPE_API_BASE = (stripe_setting("STRIPE_API_BASE") or STRIPE_API).rstrip("/")
        # Stripe.js, loaded only by the payment page; with localstripe: http://127.0.0.1:8420/js.stripe.com/v3/
        self.STRIPE_JS_URL = stripe_setting("STRIPE_JS_URL") or "https://js.stripe.com/v3/"

        # Cash on delivery: refused above this order total (AED; card is offered instead), and its fee (AED).
        self.COD_MAX_TOTAL = Decimal(os.environ.get("COD_MAX_TOTAL") or "5000")
        self.COD_FEE = Decimal(os.environ.get("COD_FEE") or "10")
        # Minutes a card order may wait for its payment before it is cancelled and its stock returned.
        self.CARD_PAYMENT_TIMEOUT_MINUTES = env_int("CARD_PAYMENT_TIMEOUT_MINUTES", 30)
        # The platform's VAT registration number (TRN, 15 digits) printed on tax invoices; empty shows a dash.
        self.PLATFORM_TRN = os.environ.get("PLATFORM_TRN", "")
        # The largest request body accepted (bytes): uploads above it get a translated "too large" page.
        self.MAX_CONTENT_LENGTH = env_int("MAX_CONTENT_LENGTH", 20 * 1024 * 1024)
        # The largest document (trade licence, …) a vendor applicant may upload, in megabytes.
        self.VENDOR_DOCUMENT_MAX_MB = env_int("VENDOR_DOCUMENT_MAX_MB", 5)
        # The commission a newly approved vendor pays on its sales (a fraction: 0.15 is 15 %); admins may set
        # another rate per vendor.
        self.DEFAULT_COMMISSION_RATE = Decimal(os.environ.get("DEFAULT_COMMISSION_RATE") or "0.15")
        # The largest product photo a vendor may upload, in megabytes (it is resized to web sizes).
        self.PRODUCT_PHOTO_MAX_MB = env_int("PRODUCT_PHOTO_MAX_MB", 8)
        # An offer with this many units or fewer shows as low on stock on the vendor's dashboard.
        self.LOW_STOCK_THRESHOLD = env_int("LOW_STOCK_THRESHOLD", 5)

        # Derived settings of the extensions (not read from the environment).
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL
        # A frozen Redis must not hold a request; while Redis is out, limits are counted in each process.
        self.RATELIMIT_STORAGE_OPTIONS = {"socket_timeout": 2, "socket_connect_timeout": 1}
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_HEADERS_ENABLED = True
        self.BABEL_DEFAULT_LOCALE = "en"
        self.BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
        self.LANGUAGES = ("en", "ar")
        self.WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = self.is_production
        self.REMEMBER_COOKIE_SECURE = self.is_production
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_DURATION = timedelta(days=30)  # Flask-Login's default is 365 days
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.TESTING = self.APP_ENV == "test"
        self.SEND_FILE_MAX_AGE_DEFAULT = 0 if self.APP_ENV == "development" else 3600

    @property
    def is_production(self) -> bool:
        return self.APP_ENV == "production"

    def check(self) -> None:
        """Refuse to start without the servers we need, or with settings unsafe in production."""
        if not self.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
            raise ConfigurationError(
                "DATABASE_URL must point to PostgreSQL; `make run` starts an embedded one for you."
            )
        if not self.REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigurationError("REDIS_URL must point to Redis; `make run` starts an embedded one for you.")
        if not self.is_production:
            return
        if self.SECRET_KEY == DEFAULT_SECRET_KEY or len(self.SECRET_KEY) < 32:
            raise ConfigurationError("SECRET_KEY must be set to a random value of 32+ characters in production.")
        if self.DEMO_DATA:
            raise ConfigurationError("DEMO_DATA must be off in production.")
        if self.STRIPE_API_BASE != STRIPE_API:
            raise ConfigurationError("STRIPE_API_BASE must be Stripe's own API in production (localstripe is for "
                                     "trying the store only).")

    def as_mapping(self) -> dict:
        return {key: value for key, value in vars(self).items() if key.isupper()}


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def read_running_embedded_services(instance_path: str) -> dict:
    """The URLs of the embedded servers that `make run` started, if it is running.

    This lets `flask shell` or `python worker.py` in a second terminal join a running `make run` (its database,
    Redis and, when it started localstripe, the card processor).
    """
    services_file = Path(instance_path) / "embedded-services.json"
    try:
        return json.loads(services_file.read_text())
    except (OSError, ValueError):
        return {}


def read_version() -> str:
    version_file = PROJECT_ROOT / "VERSION"
    return version_file.read_text().strip() if version_file.exists() else "0.0.0"
