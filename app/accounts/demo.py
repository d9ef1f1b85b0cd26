"""The demo accounts `make run` loads into an empty database."""
from __future__ import annotations

from datetime import datetime, timezone

import pyotp

from app.accounts.services import create_user

DEMO_ACCOUNTS = (
    ("customer@example.com", "Layla Customer", ("customer",), "+971501234567"),
    ("vendor@example.com", "Omar Vendor", ("vendor", "customer"), "+971502345678"),
    ("courier@example.com", "Yusuf Courier", ("courier",), "+971503456789"),
    ("admin@example.com", "Aisha Admin", ("admin",), None),
)
DEMO_ADMIN_EMAIL = "admin@example.com"


def load_demo_accounts(password: str) -> list[str]:
    """Create the four demo accounts (verified; the admin with a second factor); return their emails."""
    for email, full_name, roles, mobile in DEMO_ACCOUNTS:
        user = create_user(email, full_name, password, roles=roles, mobile=mobile)
        if email == DEMO_ADMIN_EMAIL:
            user.totp_secret = pyotp.random_base32()
            user.totp_enabled_at = datetime.now(timezone.utc)
    return [email for email, *_ in DEMO_ACCOUNTS]
