import pytest

from app.config import DEFAULT_SECRET_KEY, Config, ConfigurationError, normalise_database_url

POSTGRES = "postgresql://postgres@127.0.0.1:5432/aromasouq"
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def environment(monkeypatch):
    for name in ("APP_ENV", "FLASK_ENV", "SECRET_KEY", "DEMO_DATA", "STRIPE_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", POSTGRES)
    monkeypatch.setenv("REDIS_URL", REDIS)
    return monkeypatch


def test_production_refuses_the_default_secret_key(environment):
    environment.setenv("APP_ENV", "production")
    environment.setenv("DEMO_DATA", "0")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        Config().check()


def test_production_refuses_demo_data(environment):
    environment.setenv("FLASK_ENV", "production")
    environment.setenv("SECRET_KEY", "x" * 40)
    environment.setenv("DEMO_DATA", "1")
    with pytest.raises(ConfigurationError, match="DEMO_DATA"):
        Config().check()


def test_production_starts_with_a_real_secret_and_no_demo_data(environment):
    environment.setenv("APP_ENV", "production")
    environment.setenv("SECRET_KEY", "x" * 40)
    config = Config()
    config.check()
    assert config.DEMO_DATA is False
    assert config.SESSION_COOKIE_SECURE is True


def test_production_refuses_a_stripe_stand_in(environment):
    """`make run`'s localstripe (or any stand-in) never takes real orders' card payments."""
    environment.setenv("APP_ENV", "production")
    environment.setenv("SECRET_KEY", "x" * 40)
    environment.setenv("STRIPE_API_BASE", "http://127.0.0.1:8420")
    with pytest.raises(ConfigurationError, match="STRIPE_API_BASE"):
        Config().check()


def test_development_defaults(environment):
    config = Config()
    config.check()
    assert config.SECRET_KEY == DEFAULT_SECRET_KEY
    assert config.DEMO_DATA is True
    assert config.DEMO_PASSWORD == "aromasouq-demo"


@pytest.mark.parametrize("url", ["", "sqlite:///aromasouq.db", "mysql://x@y/z"])
def test_only_postgresql_is_accepted(environment, url):
    environment.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigurationError, match="PostgreSQL"):
        Config().check()


def test_redis_is_required(environment):
    environment.setenv("REDIS_URL", "")
    environment.setenv("INSTANCE_PATH", "/nonexistent-instance")
    with pytest.raises(ConfigurationError, match="Redis"):
        Config().check()


@pytest.mark.parametrize("given, expected", [
    ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
])
def test_database_urls_use_psycopg_3(given, expected):
    assert normalise_database_url(given) == expected
