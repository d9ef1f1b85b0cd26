"""The audit log: who changed what, when, from what to what. Admin and vendor services write it."""
