"""Keep the compare-at price of each listed product's cheapest offer (the strike-through on cards); index brand_id.

Revision ID: 41c37e13523f
Revises: 46aede22708b
Create Date: 2026-11-25 00:32:11.033240

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '41c37e13523f'
down_revision = '46aede22708b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('compare_at_price', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.create_index(batch_op.f('ix_product_listing_brand_id'), ['brand_id'], unique=False)

    # Rows already listed get theirs now (the same rule as app.search.listing's offers).
    op.execute("""
        UPDATE product_listing AS listing SET compare_at_price = cheapest.compare_at_price
        FROM (
            SELECT va.product_id,
                   (array_agg(o.compare_at_price ORDER BY o.price, o.compare_at_price DESC NULLS LAST))[1]
                       AS compare_at_price
            FROM offer o
            JOIN variant va ON va.id = o.variant_id
            JOIN vendor ven ON ven.id = o.vendor_id AND ven.status = 'approved'
            WHERE o.is_active
            GROUP BY va.product_id
        ) AS cheapest
        WHERE cheapest.product_id = listing.product_id AND listing.on_sale
    """)


def downgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_listing_brand_id'))
        batch_op.drop_column('compare_at_price')
