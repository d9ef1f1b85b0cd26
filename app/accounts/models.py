"""People who use AromaSouQ and their address books. One account may hold several roles."""
from __future__ import annotations

from datetime import date, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, String, false, func, text, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.text import names_read_as_written
from app.extensions import db

ROLES = ("customer", "vendor", "courier", "admin")
# Roles whose accounts are too powerful for a long-lived "remember me" cookie.
ROLES_WITHOUT_REMEMBER_ME = ("vendor", "admin")
password_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("roles <@ ARRAY['customer','vendor','courier','admin']::varchar[]", name="known_roles"),
        CheckConstraint("preferred_language IN ('en', 'ar')", name="known_language"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    _names = names_read_as_written("full_name")
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    preferred_language: Mapped[str] = mapped_column(String(2), default="en")
    is_active_account: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Mobile in E.164 (+9715…), validated for the UAE and the GCC.
    mobile: Mapped[str | None] = mapped_column(String(16))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An email address waiting for its verification link, during a change of email.
    pending_email: Mapped[str | None] = mapped_column(String(254))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    marketing_opt_in: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Which channels carry order updates and marketing (account and security messages always go by email).
    notify_orders_by_email: Mapped[bool] = mapped_column(default=True, server_default=true())
    notify_orders_by_sms: Mapped[bool] = mapped_column(default=True, server_default=true())
    notify_orders_in_app: Mapped[bool] = mapped_column(default=True, server_default=true())
    notify_marketing_by_email: Mapped[bool] = mapped_column(default=False, server_default=false())
    notify_marketing_by_sms: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Raised on sign-out everywhere and on a password change: older sessions and cookies stop working.
    session_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Second factor (required for admins): a TOTP secret, and one-time recovery codes kept as SHA-256 hashes.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The 30-second step of the last code accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    recovery_code_hashes: Mapped[list[str]] = mapped_column(
        ARRAY(String(64)), default=list, server_default=text("'{}'")
    )
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    addresses: Mapped[list[Address]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Address.id"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.is_active_account and self.deleted_at is None

    def get_id(self) -> str:
        """Flask-Login's id carries the session version, so raising it ends every earlier session."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def needs_second_factor(self) -> bool:
        return self.has_role("admin")

    @property
    def may_be_remembered(self) -> bool:
        return not any(role in self.roles for role in ROLES_WITHOUT_REMEMBER_ME)

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else ""

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def set_password(self, password: str) -> None:
        self.password_hash = password_hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return password_hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


GCC_COUNTRIES = ("AE", "SA", "KW", "QA", "BH", "OM")


class Address(db.Model):
    """A delivery address in a customer's address book."""

    __tablename__ = "address"
    __table_args__ = (
        CheckConstraint("country IN ('AE','SA','KW','QA','BH','OM')", name="gcc_country"),
        # At most one default address per account.
        Index("uq_address_one_default_per_user", "user_id", unique=True, postgresql_where=text("is_default")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(40))
    recipient_name: Mapped[str] = mapped_column(String(120))
    _names = names_read_as_written("recipient_name")
    mobile: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2), default="AE")
    region: Mapped[str] = mapped_column(String(60))  # emirate in the UAE, region or governorate elsewhere
    area: Mapped[str] = mapped_column(String(80))
    street: Mapped[str] = mapped_column(String(120))
    building: Mapped[str] = mapped_column(String(80))
    flat: Mapped[str | None] = mapped_column(String(40))
    landmark: Mapped[str | None] = mapped_column(String(160))
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    user: Mapped[User] = relationship(back_populates="addresses")
