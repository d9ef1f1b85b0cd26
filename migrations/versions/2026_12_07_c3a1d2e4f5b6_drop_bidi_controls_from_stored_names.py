"""Drop bidirectional controls (U+202A–U+202E, U+2066–U+2069) from every stored name, so none flips a page.

Names lose them where they enter from now on (forms and the models' validators); this cleans the rows written
before, the order lines' and the listing's copies of the names included. Nothing to undo: the characters were
never meant to be there.

Revision ID: c3a1d2e4f5b6
Revises: c7d2a91e4b10
Create Date: 2026-12-07 12:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c3a1d2e4f5b6'
down_revision = 'c7d2a91e4b10'
branch_labels = None
depends_on = None

BIDI_CONTROL = "[\\u202a-\\u202e\\u2066-\\u2069]"  # a PostgreSQL regular expression

NAME_COLUMNS = {
    "user_account": ("full_name",),
    "address": ("recipient_name",),
    "brand": ("name_en", "name_ar"),
    "category": ("name_en", "name_ar"),
    "note": ("name_en", "name_ar"),
    "accord": ("name_en", "name_ar"),
    "product": ("name_en", "name_ar", "perfumer"),
    "review": ("author_name",),
    "vendor": ("name_en", "name_ar", "contact_name"),
    "customer_order": ("contact_name",),
    "order_line": ("product_name_en", "product_name_ar", "brand_name_en", "brand_name_ar", "vendor_name_en",
                   "vendor_name_ar"),
    "product_listing": ("name_en", "name_ar", "brand_name_en", "brand_name_ar", "perfumer"),
}


def upgrade():
    for table, columns in NAME_COLUMNS.items():
        cleaned = ", ".join(f"{column} = regexp_replace({column}, '{BIDI_CONTROL}', '', 'g')" for column in columns)
        found = " OR ".join(f"{column} ~ '{BIDI_CONTROL}'" for column in columns)
        op.execute(f"UPDATE {table} SET {cleaned} WHERE {found}")


def downgrade():
    pass
