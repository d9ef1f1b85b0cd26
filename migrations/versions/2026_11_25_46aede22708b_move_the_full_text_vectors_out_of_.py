"""Move the full-text vectors out of product_listing into a narrow product_search table.

Revision ID: 46aede22708b
Revises: bfbf70190085
Create Date: 2026-11-25 00:05:43.497935

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '46aede22708b'
down_revision = 'bfbf70190085'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('product_search',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_search_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_search'))
    )
    with op.batch_alter_table('product_search', schema=None) as batch_op:
        batch_op.create_index('ix_product_search_search_vector', ['search_vector'], unique=False, postgresql_using='gin')

    op.execute("INSERT INTO product_search (product_id, search_vector) "
               "SELECT product_id, search_vector FROM product_listing")
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_listing_search_vector'), postgresql_using='gin')
        batch_op.drop_column('search_vector')



def downgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_vector', postgresql.TSVECTOR(), autoincrement=False, nullable=False,
                                      server_default=sa.text("''::tsvector")))
        batch_op.create_index(batch_op.f('ix_product_listing_search_vector'), ['search_vector'], unique=False, postgresql_using='gin')

    op.execute("UPDATE product_listing AS listing SET search_vector = search.search_vector "
               "FROM product_search AS search WHERE search.product_id = listing.product_id")
    with op.batch_alter_table('product_search', schema=None) as batch_op:
        batch_op.drop_index('ix_product_search_search_vector', postgresql_using='gin')

    op.drop_table('product_search')
