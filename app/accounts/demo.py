"""The demo accounts `make run` loads into an empty database."""
from __future__ import annotations

from app.accounts.services import create_user

DEMO_ACCOUNTS = (
    ("customer@example.com", "Layla Customer", ("customer",)),
    ("vendor@example.com", "Omar Vendor", ("vendor", "customer")),
    ("courier@example.com", "Yusuf Courier", ("courier",)),
    ("admin@example.com", "Aisha Admin", ("admin",)),
)


def load_demo_accounts(password: str) -> list[str]:
    """Create the four demo accounts; return their emails."""
    for email, full_name, roles in DEMO_ACCOUNTS:
        create_user(email, full_name, password, roles=roles)
    return [email for email, _, _ in DEMO_ACCOUNTS]
