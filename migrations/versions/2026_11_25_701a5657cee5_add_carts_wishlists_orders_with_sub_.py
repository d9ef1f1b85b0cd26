"""Add carts, wishlists, orders with sub-orders and their status log, coupons and delivery zones.

Revision ID: 701a5657cee5
Revises: 41c37e13523f
Create Date: 2026-11-25 00:32:58.173448

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '701a5657cee5'
down_revision = '41c37e13523f'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.schema.CreateSequence(sa.Sequence('order_number_seq')))
    op.create_table('delivery_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('emirate', sa.String(length=20), nullable=False),
    sa.Column('same_day_cutoff', sa.Time(), nullable=True),
    sa.Column('free_delivery_threshold', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_zone')),
    sa.UniqueConstraint('emirate', name=op.f('uq_delivery_zone_emirate'))
    )
    op.create_table('cart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('(user_id IS NULL) <> (token IS NULL)', name=op.f('ck_cart_customer_or_guest')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_cart_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart')),
    sa.UniqueConstraint('token', name=op.f('uq_cart_token')),
    sa.UniqueConstraint('user_id', name=op.f('uq_cart_user_id'))
    )
    op.create_table('customer_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('mobile', sa.String(length=16), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('delivery_address', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('delivery_emirate', sa.String(length=20), nullable=False),
    sa.Column('delivery_option', sa.String(length=10), nullable=False),
    sa.Column('payment_method', sa.String(length=4), nullable=False),
    sa.Column('coupon_code', sa.String(length=40), nullable=True),
    sa.Column('items_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('discount_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('delivery_fee', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('cod_fee', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat_included', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('grand_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('gift_wrap', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('gift_message', sa.String(length=300), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stock_returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("delivery_option IN ('standard', 'next-day', 'same-day')", name=op.f('ck_customer_order_known_delivery_option')),
    sa.CheckConstraint("payment_method IN ('cod', 'card')", name=op.f('ck_customer_order_known_payment_method')),
    sa.CheckConstraint("status IN ('pending_payment', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded')", name=op.f('ck_customer_order_known_status')),
    sa.CheckConstraint('discount_total >= 0 AND discount_total <= items_total', name=op.f('ck_customer_order_discount_within_items')),
    sa.CheckConstraint('grand_total = items_total - discount_total + delivery_fee + cod_fee', name=op.f('ck_customer_order_total_adds_up')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_customer_order_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_order')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_customer_order_idempotency_key')),
    sa.UniqueConstraint('number', name=op.f('uq_customer_order_number'))
    )
    with op.batch_alter_table('customer_order', schema=None) as batch_op:
        batch_op.create_index('ix_customer_order_unpaid', ['created_at'], unique=False, postgresql_where=sa.text("status = 'pending_payment'"))
        batch_op.create_index('ix_customer_order_user_id_created_at', ['user_id', 'created_at'], unique=False)

    op.create_table('delivery_rate',
    sa.Column('zone_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=10), nullable=False),
    sa.Column('fee', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.CheckConstraint("option IN ('standard', 'next-day', 'same-day')", name=op.f('ck_delivery_rate_known_option')),
    sa.CheckConstraint('fee >= 0', name=op.f('ck_delivery_rate_fee_not_negative')),
    sa.ForeignKeyConstraint(['zone_id'], ['delivery_zone.id'], name=op.f('fk_delivery_rate_zone_id_delivery_zone'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('zone_id', 'option', name=op.f('pk_delivery_rate'))
    )
    op.create_table('coupon',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('min_spend', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('usage_limit', sa.Integer(), nullable=True),
    sa.Column('per_customer_limit', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('brand_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('percent', 'fixed')", name=op.f('ck_coupon_known_kind')),
    sa.CheckConstraint("value > 0 AND (kind <> 'percent' OR value <= 100)", name=op.f('ck_coupon_value_in_range')),
    sa.CheckConstraint('code = upper(code)', name=op.f('ck_coupon_code_uppercase')),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at', name=op.f('ck_coupon_ends_after_start')),
    sa.CheckConstraint('per_customer_limit IS NULL OR per_customer_limit > 0', name=op.f('ck_coupon_per_customer_limit_positive')),
    sa.CheckConstraint('usage_limit IS NULL OR usage_limit > 0', name=op.f('ck_coupon_usage_limit_positive')),
    sa.ForeignKeyConstraint(['brand_id'], ['brand.id'], name=op.f('fk_coupon_brand_id_brand'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_coupon_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupon')),
    sa.UniqueConstraint('code', name=op.f('uq_coupon_code'))
    )
    op.create_table('sub_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('items_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('discount_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat_included', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('pending_payment', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded')", name=op.f('ck_sub_order_known_status')),
    sa.ForeignKeyConstraint(['order_id'], ['customer_order.id'], name=op.f('fk_sub_order_order_id_customer_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_sub_order_vendor_id_vendor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sub_order')),
    sa.UniqueConstraint('order_id', 'vendor_id', name=op.f('uq_sub_order_order_id_vendor_id'))
    )
    with op.batch_alter_table('sub_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sub_order_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('wishlist_item',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_wishlist_item_product_id_product'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_wishlist_item_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'product_id', name=op.f('pk_wishlist_item'))
    )
    with op.batch_alter_table('wishlist_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wishlist_item_product_id'), ['product_id'], unique=False)

    op.create_table('coupon_redemption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coupon_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['coupon_id'], ['coupon.id'], name=op.f('fk_coupon_redemption_coupon_id_coupon'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['customer_order.id'], name=op.f('fk_coupon_redemption_order_id_customer_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_coupon_redemption_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupon_redemption')),
    sa.UniqueConstraint('order_id', name=op.f('uq_coupon_redemption_order_id'))
    )
    with op.batch_alter_table('coupon_redemption', schema=None) as batch_op:
        batch_op.create_index('ix_coupon_redemption_coupon_id_email', ['coupon_id', 'email'], unique=False)

    op.create_table('order_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('sub_order_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['user_account.id'], name=op.f('fk_order_event_actor_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['customer_order.id'], name=op.f('fk_order_event_order_id_customer_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sub_order_id'], ['sub_order.id'], name=op.f('fk_order_event_sub_order_id_sub_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_event'))
    )
    with op.batch_alter_table('order_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_event_order_id'), ['order_id'], unique=False)

    op.create_table('cart_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cart_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('price_when_added', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('stock_when_added', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_cart_line_quantity_is_positive')),
    sa.ForeignKeyConstraint(['cart_id'], ['cart.id'], name=op.f('fk_cart_line_cart_id_cart'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_cart_line_offer_id_offer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_line')),
    sa.UniqueConstraint('cart_id', 'offer_id', name=op.f('uq_cart_line_cart_id_offer_id'))
    )
    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cart_line_offer_id'), ['offer_id'], unique=False)

    op.create_table('order_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('sub_order_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('product_slug', sa.String(length=160), nullable=False),
    sa.Column('product_name_en', sa.String(length=160), nullable=False),
    sa.Column('product_name_ar', sa.String(length=160), nullable=False),
    sa.Column('brand_name_en', sa.String(length=120), nullable=False),
    sa.Column('brand_name_ar', sa.String(length=120), nullable=False),
    sa.Column('vendor_name_en', sa.String(length=120), nullable=False),
    sa.Column('vendor_name_ar', sa.String(length=120), nullable=False),
    sa.Column('size_ml', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('variant_kind', sa.String(length=10), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('line_total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('discount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('vat_included', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.CheckConstraint('line_total = unit_price * quantity', name=op.f('ck_order_line_line_total_adds_up')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_line_quantity_is_positive')),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], name=op.f('fk_order_line_offer_id_offer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['customer_order.id'], name=op.f('fk_order_line_order_id_customer_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_order_line_product_id_product'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sub_order_id'], ['sub_order.id'], name=op.f('fk_order_line_sub_order_id_sub_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_order_line_variant_id_variant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_order_line_vendor_id_vendor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_line'))
    )
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_line_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_line_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_line_sub_order_id'), ['sub_order_id'], unique=False)



def downgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_line_sub_order_id'))
        batch_op.drop_index(batch_op.f('ix_order_line_order_id'))
        batch_op.drop_index(batch_op.f('ix_order_line_offer_id'))

    op.drop_table('order_line')
    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cart_line_offer_id'))

    op.drop_table('cart_line')
    with op.batch_alter_table('order_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_event_order_id'))

    op.drop_table('order_event')
    with op.batch_alter_table('coupon_redemption', schema=None) as batch_op:
        batch_op.drop_index('ix_coupon_redemption_coupon_id_email')

    op.drop_table('coupon_redemption')
    with op.batch_alter_table('wishlist_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wishlist_item_product_id'))

    op.drop_table('wishlist_item')
    with op.batch_alter_table('sub_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sub_order_vendor_id'))

    op.drop_table('sub_order')
    op.drop_table('coupon')
    op.drop_table('delivery_rate')
    with op.batch_alter_table('customer_order', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_order_user_id_created_at')
        batch_op.drop_index('ix_customer_order_unpaid', postgresql_where=sa.text("status = 'pending_payment'"))

    op.drop_table('customer_order')
    op.drop_table('cart')
    op.drop_table('delivery_zone')
    op.execute(sa.schema.DropSequence(sa.Sequence('order_number_seq')))
