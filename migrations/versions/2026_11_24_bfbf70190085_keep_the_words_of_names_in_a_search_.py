"""Keep the words of names in a search_term lexicon for did-you-mean instead of a trigram index over every listing row.

Revision ID: bfbf70190085
Revises: b0eff69de5d5
Create Date: 2026-11-24 23:48:00.021349

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bfbf70190085'
down_revision = 'b0eff69de5d5'
branch_labels = None
depends_on = None


def upgrade():
    # Filled by rebuild_listing() / refresh_listing() along with the listing rows.
    op.create_table('search_term',
    sa.Column('term', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_search_term'))
    )
    with op.batch_alter_table('search_term', schema=None) as batch_op:
        batch_op.create_index('ix_search_term_term_trgm', ['term'], unique=False, postgresql_using='gin', postgresql_ops={'term': 'gin_trgm_ops'})

    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_listing_suggest_text'), postgresql_ops={'suggest_text': 'gin_trgm_ops'}, postgresql_using='gin')
        batch_op.drop_column('suggest_text')



def downgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suggest_text', sa.TEXT(), autoincrement=False, nullable=False,
                                      server_default=''))
        batch_op.create_index(batch_op.f('ix_product_listing_suggest_text'), ['suggest_text'], unique=False, postgresql_ops={'suggest_text': 'gin_trgm_ops'}, postgresql_using='gin')

    with op.batch_alter_table('search_term', schema=None) as batch_op:
        batch_op.drop_index('ix_search_term_term_trgm', postgresql_using='gin', postgresql_ops={'term': 'gin_trgm_ops'})

    op.drop_table('search_term')
