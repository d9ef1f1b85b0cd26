"""Keep each order line's size unit as it was sold (grams for bakhoor, millilitres otherwise).

Existing lines take the unit of their product's category (through their variant, else their product);
a line whose product is gone was sold in millilitres, the only other unit the catalog has used.

Revision ID: c7d2a91e4b10
Revises: b496f0c119ba
Create Date: 2026-12-07 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7d2a91e4b10'
down_revision = 'b496f0c119ba'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size_unit', sa.String(length=8), nullable=True))
    op.execute("""
        UPDATE order_line SET size_unit = CASE WHEN category.slug = 'bakhoor' THEN 'g' ELSE 'ml' END
        FROM product JOIN category ON category.id = product.category_id
        WHERE product.id = coalesce((SELECT variant.product_id FROM variant WHERE variant.id = order_line.variant_id),
                                    order_line.product_id)
    """)
    op.execute("UPDATE order_line SET size_unit = 'ml' WHERE size_unit IS NULL")
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.alter_column('size_unit', existing_type=sa.String(length=8), nullable=False)
        batch_op.create_check_constraint(op.f('ck_order_line_known_size_unit'), "size_unit IN ('ml', 'g', 'pieces', 'set')")


def downgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_order_line_known_size_unit'), type_='check')
        batch_op.drop_column('size_unit')
