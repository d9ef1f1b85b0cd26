"""Registration and email verification (built next)."""
