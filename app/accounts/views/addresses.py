"""The address book (built next)."""
