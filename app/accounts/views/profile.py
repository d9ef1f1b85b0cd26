"""Profile pages (built next)."""
