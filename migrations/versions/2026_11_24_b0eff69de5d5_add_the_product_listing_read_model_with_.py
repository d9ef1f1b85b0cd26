"""Add the product listing read model with full-text search and trigram indexes.

Revision ID: b0eff69de5d5
Revises: ef59bdc4ebce
Create Date: 2026-11-24 23:38:28.210269

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'b0eff69de5d5'
down_revision = 'ef59bdc4ebce'
branch_labels = None
depends_on = None


def upgrade():
    # pg_trgm for "did you mean" (and its GIN operator class below); unaccent folds Latin accents.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.create_table('product_listing',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('name_en', sa.String(length=160), nullable=False),
    sa.Column('name_ar', sa.String(length=160), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('brand_slug', sa.String(length=80), nullable=False),
    sa.Column('brand_name_en', sa.String(length=120), nullable=False),
    sa.Column('brand_name_ar', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('gender', sa.String(length=6), nullable=False),
    sa.Column('concentration', sa.String(length=8), nullable=False),
    sa.Column('family', sa.String(length=10), nullable=False),
    sa.Column('style', sa.String(length=10), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=False),
    sa.Column('perfumer', sa.String(length=120), nullable=True),
    sa.Column('launch_year', sa.SmallInteger(), nullable=True),
    sa.Column('alcohol_free', sa.Boolean(), nullable=False),
    sa.Column('vendor_ids', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('vendor_slugs', postgresql.ARRAY(sa.String(length=80)), nullable=False),
    sa.Column('min_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('max_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('min_price_per_ml', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('size_buckets', postgresql.ARRAY(sa.String(length=10)), nullable=False),
    sa.Column('note_ids', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('top_note_ids', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('heart_note_ids', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('base_note_ids', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('seasons', postgresql.ARRAY(sa.String(length=6)), nullable=False),
    sa.Column('occasions', postgresql.ARRAY(sa.String(length=12)), nullable=False),
    sa.Column('rating_avg', sa.Float(), nullable=True),
    sa.Column('rating_count', sa.Integer(), nullable=False),
    sa.Column('longevity_avg', sa.Float(), nullable=True),
    sa.Column('sillage_avg', sa.Float(), nullable=True),
    sa.Column('in_stock', sa.Boolean(), nullable=False),
    sa.Column('on_sale', sa.Boolean(), nullable=False),
    sa.Column('gift', sa.Boolean(), nullable=False),
    sa.Column('sample', sa.Boolean(), nullable=False),
    sa.Column('rewards', sa.Boolean(), nullable=False),
    sa.Column('same_day_emirates', postgresql.ARRAY(sa.String(length=20)), nullable=False),
    sa.Column('next_day_emirates', postgresql.ARRAY(sa.String(length=20)), nullable=False),
    sa.Column('trending_score', sa.Float(), nullable=False),
    sa.Column('bestselling_score', sa.Float(), nullable=False),
    sa.Column('popularity', sa.Float(), nullable=False),
    sa.Column('listed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR(), nullable=False),
    sa.Column('suggest_text', sa.Text(), nullable=False),
    sa.Column('refreshed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_listing_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_listing'))
    )
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.create_index('ix_product_listing_search_vector', ['search_vector'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_product_listing_suggest_text', ['suggest_text'], unique=False, postgresql_using='gin', postgresql_ops={'suggest_text': 'gin_trgm_ops'})


def downgrade():
    # The extensions stay: dropping them could break objects made after this revision.
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.drop_index('ix_product_listing_suggest_text', postgresql_using='gin', postgresql_ops={'suggest_text': 'gin_trgm_ops'})
        batch_op.drop_index('ix_product_listing_search_vector', postgresql_using='gin')

    op.drop_table('product_listing')
