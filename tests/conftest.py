"""Real parts for every test: a PostgreSQL and a Redis of the test session's own, never `make run`'s.

Set TEST_DATABASE_URL / TEST_REDIS_URL to use servers you run yourself (the database is wiped!);
otherwise throwaway embedded servers start under a temporary directory and stop at the end.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

TEST_INSTANCE = Path(tempfile.mkdtemp(prefix="aromasouq-test-"))
# Settings every app of the test session, and every process it starts, shares.
TEST_ENVIRONMENT = {
    "APP_ENV": "test",
    "INSTANCE_PATH": str(TEST_INSTANCE),
    "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    "DEMO_PASSWORD": "aromasouq-demo",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(TEST_ENVIRONMENT)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class TestServices:
    database_url: str
    redis_url: str

    def environment(self, **extra: str) -> dict[str, str]:
        """The environment for a child process (worker, web server) of the test session."""
        env = {**os.environ, **TEST_ENVIRONMENT, "DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url}
        env.update(extra)
        return env


@pytest.fixture(scope="session")
def services():
    from app.embedded import FAST_UNSAFE_SETTINGS, EmbeddedPostgres, EmbeddedRedis

    started = []
    database_url = os.environ.get("TEST_DATABASE_URL")
    if not database_url:
        postgres = EmbeddedPostgres(TEST_INSTANCE / "postgres", settings=FAST_UNSAFE_SETTINGS).start()
        started.append(postgres)
        database_url = postgres.create_database("aromasouq_test")
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        redis_server = EmbeddedRedis(TEST_INSTANCE / "redis", persistent=False).start()
        started.append(redis_server)
        redis_url = redis_server.url()
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url)
    yield TestServices(database_url, redis_url)
    for server in reversed(started):
        server.stop()
    shutil.rmtree(TEST_INSTANCE, ignore_errors=True)


def make_config(services: TestServices, **overrides):
    """A Config for the test servers; keyword arguments override single settings."""
    from app.config import Config, normalise_database_url

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = normalise_database_url(services.database_url)
    config.REDIS_URL = config.RATELIMIT_STORAGE_URI = services.redis_url
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


@pytest.fixture(scope="session")
def app(services):
    """The app of the test session, on a freshly migrated database."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from app.extensions import db as database

    application = create_app(make_config(services))
    with application.app_context():
        if os.environ.get("TEST_DATABASE_URL"):
            database.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            database.session.commit()
        upgrade()
    yield application
    with application.app_context():
        database.session.remove()
        database.engine.dispose()


@pytest.fixture
def make_app(services):
    """Factory: make_app(**settings) → another app on the test servers, with some settings changed."""
    from app import create_app
    from app.extensions import db as database

    made = []

    def factory(**overrides):
        application = create_app(make_config(services, **overrides))
        made.append(application)
        return application

    yield factory
    for application in made:
        with application.app_context():
            database.engine.dispose()


@contextmanager
def rolled_back_session(app):
    """The app's database session bound to one connection whose transaction is rolled back at the end
    (the session's commits become savepoints inside it); yields (database, connection)."""
    from app.extensions import db as database

    with app.app_context():
        engines = database.engines
        engine = engines[None]
        connection = engine.connect()
        outer = connection.begin()
        engines[None] = connection
        session_of_app = database.session
        database.session = database._make_scoped_session({"join_transaction_mode": "create_savepoint"})
    try:
        yield database, connection
    finally:
        with app.app_context():
            database.session.remove()
            database.session = session_of_app
            engines[None] = engine
            outer.rollback()
            connection.close()


@pytest.fixture
def db(app):
    """The database, with everything the test writes rolled back afterwards (commits included).

    No app context stays pushed during the test: each request gets its own, as in production
    (a shared one would carry `g`, the signed-in user and the locale from one request to the next).
    Use `with app.app_context():` to touch the database from the test body.
    """
    with rolled_back_session(app) as (database, _connection):
        yield database


@pytest.fixture
def committed_db(app):
    """The database with real commits, for tests where other processes must see the data; emptied afterwards."""
    from app.extensions import db as database

    yield database
    with app.app_context():
        database.session.remove()
        empty_every_table(database)


def empty_every_table(database, attempts: int = 5) -> None:
    """TRUNCATE every table. A live server may still be answering the last request of a browser test, and
    PostgreSQL can then pick the TRUNCATE as the victim of a deadlock: try again."""
    from sqlalchemy.exc import OperationalError

    tables = ", ".join(f'"{table.name}"' for table in database.metadata.sorted_tables)
    for attempt in range(attempts):
        try:
            with database.engine.begin() as connection:
                connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            return
        except OperationalError as error:
            if "deadlock" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


@pytest.fixture
def redis_client(app):
    """The test Redis, emptied after the test (rate-limit counters included)."""
    from app.core.queues import redis_connection

    with app.app_context():
        connection = redis_connection()
    yield connection
    connection.flushdb()


@pytest.fixture
def client(app, db, redis_client):
    return app.test_client()


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token_from(client, path: str = "/") -> str:
    """The CSRF token a page hands the browser (the session cookie stays in `client`)."""
    page = client.get(path).get_data(as_text=True)
    return CSRF_META.search(page).group(1)


# argon2id at its lowest cost, for the accounts tests make by the hundred (the authorization matrices make six
# per case). Hashes still verify the same way; tests marked `real_password_hashing` keep production's hasher.
QUICK_PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def quick_password_hashing(request, monkeypatch):
    if request.node.get_closest_marker("real_password_hashing") is None:
        monkeypatch.setattr("app.accounts.models.password_hasher", QUICK_PASSWORD_HASHER)


@pytest.fixture
def create_user(app, db):
    """Factory: an account made through the accounts service, as production makes them (detached, loaded)."""
    from app.accounts.services import create_user as create_account

    def factory(email="layla@example.com", full_name="Layla Haddad", password="correct horse battery",
                roles=("customer",), preferred_language="en"):
        with app.app_context():
            user = create_account(email, full_name, password, roles=roles, preferred_language=preferred_language)
            db.session.commit()
            db.session.refresh(user)
            return user

    return factory


@pytest.fixture
def customer(create_user):
    return create_user()


@pytest.fixture(scope="session")
def worker(app, services):
    """A real RQ worker process (`python worker.py`) on the test Redis and database."""
    from app.core.queues import WORKER_HEARTBEAT_KEY, redis_connection
    from tests.processes import start_process, stop_process, wait_until

    with app.app_context():
        connection = redis_connection()
    connection.delete(WORKER_HEARTBEAT_KEY)
    process = start_process(["worker.py"], services.environment(), TEST_INSTANCE / "worker.log")
    try:
        wait_until(lambda: connection.exists(WORKER_HEARTBEAT_KEY) or process.poll() is not None,
                   timeout=30, what="worker heartbeat")
        assert process.poll() is None, (TEST_INSTANCE / "worker.log").read_text()
        yield process
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def live_server(app, services):
    """The app served by gunicorn on a free port, against the test database; yields its base URL."""
    from app.embedded import free_port
    from tests.processes import answers, start_process, stop_process, wait_until

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = start_process(
        ["-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "wsgi:app"],
        services.environment(SITE_URL=base_url), TEST_INSTANCE / "web.log",
    )
    try:
        wait_until(lambda: answers(base_url + "/") or process.poll() is not None, timeout=30, what="web server")
        assert process.poll() is None, (TEST_INSTANCE / "web.log").read_text()
        yield base_url
    finally:
        stop_process(process)


@dataclass(frozen=True)
class DemoLoad:
    logins: list[str]  # what load_demo_data returned
    snapshot: list[tuple[str, bytes]]  # (table, its rows as COPY text)


@pytest.fixture(scope="session")
def demo_load(app) -> DemoLoad:
    """The demo data (accounts, catalog, listing, shop rules), loaded once per test session into the empty
    database inside a transaction that is rolled back, kept as COPY text per table. `restore_demo_data` puts it
    back in a test's database in a few tens of milliseconds, where loading it afresh takes seconds (minutes on a
    busy machine), so no test loads it again."""
    from app.core.demo import load_demo_data

    with rolled_back_session(app) as (database, connection), app.test_request_context():
        logins = load_demo_data()
        cursor = connection.connection.driver_connection.cursor()
        snapshot = []
        for table in database.metadata.sorted_tables:
            with cursor.copy(f'COPY "{table.name}" TO STDOUT') as copy:
                rows = b"".join(bytes(chunk) for chunk in copy)
            if rows:
                snapshot.append((table.name, rows))
        cursor.close()
    return DemoLoad(logins, snapshot)


@pytest.fixture(scope="session")
def demo_snapshot(demo_load) -> list[tuple[str, bytes]]:
    """The session's demo data as COPY text per table (see `demo_load`)."""
    return demo_load.snapshot


def restore_demo_data(app, database, snapshot: list[tuple[str, bytes]]) -> None:
    """Copy the demo data into the test's database (inside the `db` fixture's transaction, so it is rolled back
    with everything else), move the id sequences past it, refresh the tables' statistics, and tell the store
    its listing changed."""
    from app.search.listing import bump_listing_version

    with app.app_context():
        cursor = database.session.connection().connection.driver_connection.cursor()
        for table, rows in snapshot:
            with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                copy.write(rows)
            if database.metadata.tables[table].c.get("id") is None:
                continue
            cursor.execute(f"SELECT pg_get_serial_sequence('\"{table}\"', 'id')")
            sequence = cursor.fetchone()[0]
            if sequence:
                cursor.execute(f'SELECT setval(%s, (SELECT max(id) FROM "{table}"))', (sequence,))
        # Fresh rows without statistics look like empty tables to the planner, whose plans then take minutes.
        cursor.execute("ANALYZE " + ", ".join(f'"{table}"' for table, _ in snapshot))
        cursor.close()
        database.session.commit()
        bump_listing_version()


@pytest.fixture
def demo_data(app, db, redis_client, demo_snapshot):
    """The demo data in the test's (rolled-back) database, shown in the store."""
    restore_demo_data(app, db, demo_snapshot)
