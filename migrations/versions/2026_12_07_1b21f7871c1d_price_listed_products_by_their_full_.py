"""Price listed products by their cheapest full size, and keep their cheapest sample's price apart.

Revision ID: 1b21f7871c1d
Revises: c3a1d2e4f5b6
Create Date: 2026-12-07 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b21f7871c1d'
down_revision = 'c3a1d2e4f5b6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sample_price', sa.Numeric(precision=12, scale=2), nullable=True))

    # Rows already listed are repriced now (the same rule as app.search.listing's offers).
    op.execute("""
        UPDATE product_listing AS listing
        SET min_price = prices.min_price, compare_at_price = prices.compare_at_price,
            sample_price = prices.sample_price
        FROM (
            SELECT va.product_id,
                   coalesce(min(o.price) FILTER (WHERE va.kind <> 'sample'), min(o.price)) AS min_price,
                   (array_agg(o.compare_at_price
                              ORDER BY va.kind = 'sample', o.price, o.compare_at_price DESC NULLS LAST))[1]
                       AS compare_at_price,
                   CASE WHEN bool_or(va.kind <> 'sample') THEN min(o.price) FILTER (WHERE va.kind = 'sample') END
                       AS sample_price
            FROM offer o
            JOIN variant va ON va.id = o.variant_id
            JOIN vendor ven ON ven.id = o.vendor_id AND ven.status = 'approved'
            WHERE o.is_active
            GROUP BY va.product_id
        ) AS prices
        WHERE prices.product_id = listing.product_id
    """)


def downgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.drop_column('sample_price')
