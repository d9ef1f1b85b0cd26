"""Account pages, one module per sub-domain; importing them attaches their routes to the blueprint."""
from app.accounts.views import addresses, profile, registration, session  # noqa: F401
