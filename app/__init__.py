"""AromaSouQ: a bilingual multi-vendor perfume marketplace, as one Flask application."""
from __future__ import annotations

from flask import Flask

from app.config import PROJECT_ROOT, Config
from app.core.input import guard_input


def create_app(config: Config | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, event handlers, CLI and error handlers."""
    config = config or Config()
    config.check()
    app = Flask(
        __name__,
        instance_path=config.INSTANCE_PATH,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(config.as_mapping())
    trust_proxies(app)
    configure_logging(app)
    init_extensions(app)
    guard_input(app)
    register_blueprints(app)
    register_event_handlers(app)
    register_cli(app)
    register_error_handlers(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT proxies, take the client's address and scheme from their X-Forwarded headers."""
    count = app.config["PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0)


def configure_logging(app: Flask) -> None:
    from app.core import request_log

    request_log.init_app(app)


def init_extensions(app: Flask) -> None:
    from app.accounts.access import configure_login
    from app.core import i18n, security, sessions, templating
    from app.extensions import babel, csrf, db, htmx, limiter, login_manager, mail, migrate

    from app import models  # noqa: F401  (every domain's tables, for queries and migrations)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    htmx.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    configure_login(app)
    security.init_app(app)
    sessions.init_app(app)
    templating.init_app(app)


def register_blueprints(app: Flask) -> None:
    from app.accounts import bp as accounts_bp
    from app.admin import bp as admin_bp
    from app.cart import bp as cart_bp
    from app.catalog import bp as catalog_bp
    from app.checkout import bp as checkout_bp
    from app.core import bp as core_bp
    from app.notifications import bp as notifications_bp
    from app.orders.views import bp as orders_bp
    from app.payments import bp as payments_bp
    from app.vendors.portal import bp as vendor_portal_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(cart_bp)
    app.register_blueprint(checkout_bp)
    app.register_blueprint(orders_bp)
    app.register_blueprint(payments_bp)
    app.register_blueprint(vendor_portal_bp)
    app.register_blueprint(admin_bp)


def register_event_handlers(app: Flask) -> None:
    """Subscribe each domain's handlers to the events of the others (the README's "Domain events" lists them)."""
    from app.admin import traffic
    from app.orders import notifications as order_messages
    from app.payments import notifications as payment_messages
    from app.search import handlers as listing

    listing.connect_handlers(app)  # product, offer, vendor and review changes → listing refresh jobs
    order_messages.connect_handlers(app)  # order placed, cancelled, part shipped, delivered → messages
    payment_messages.connect_handlers(app)  # payment received, refund issued → messages (and the shops, when paid)
    traffic.connect_handlers(app)  # page and product page views → the store's traffic counters


def register_cli(app: Flask) -> None:
    from app.core.cli import register_core_commands

    register_core_commands(app)


def register_error_handlers(app: Flask) -> None:
    from app.core import errors

    errors.init_app(app)
