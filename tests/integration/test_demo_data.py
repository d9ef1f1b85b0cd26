import pytest

from app.accounts.models import User
from app.accounts.queries import find_user_by_email
from app.core.demo import DemoDataRefused, load_demo_data


def test_demo_accounts_load_into_an_empty_database(app, demo_load, demo_data):
    """The session loads the demo data once into its empty database (`demo_load`); this test reads that load
    instead of repeating it (a load takes seconds, minutes on a busy machine)."""
    assert demo_load.logins == ["customer@example.com", "vendor@example.com", "courier@example.com",
                                "admin@example.com"]
    with app.app_context():
        admin = find_user_by_email("admin@example.com")
        assert admin.has_role("admin") and admin.check_password("aromasouq-demo")
        assert find_user_by_email("vendor@example.com").roles == ["vendor", "customer"]


def test_demo_data_never_goes_into_a_database_with_accounts(app, db, customer):
    with app.test_request_context(), pytest.raises(DemoDataRefused):
        load_demo_data()
    with app.app_context():
        assert db.session.query(User).count() == 1


def test_demo_data_is_refused_when_switched_off(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "DEMO_DATA", False)
    with app.test_request_context(), pytest.raises(DemoDataRefused):
        load_demo_data()
