"""What the back office keeps of its own: the store's daily traffic, for the conversion rate."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class StoreTrafficDay(db.Model):
    """How many people looked at the store on a UAE day: the base of the back office's conversion rate.

    Counted in Redis while the day runs (a HyperLogLog of visitors, a counter of product views) and copied
    here by a job, so PostgreSQL keeps the history.
    """

    __tablename__ = "store_traffic_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    visitors: Mapped[int] = mapped_column(Integer, default=0)
    product_views: Mapped[int] = mapped_column(Integer, default=0)
