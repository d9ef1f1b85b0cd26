"""Vendors: the shops that sell on AromaSouQ (onboarding and the vendor portal come with the vendor issue)."""
