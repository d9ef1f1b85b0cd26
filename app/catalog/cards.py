"""What a product card says beyond its search ProductCard's fields."""
from app.catalog import bp
from app.catalog.listing_labels import CATEGORY_LABELS
from app.catalog.product_labels import CONCENTRATION_LABELS

# Burnt or diffused, not worn: their concentration tells a shopper nothing, their category does.
NOT_WORN = ("bakhoor", "home")


@bp.app_template_global()
def card_kind(card) -> str:
    """"Eau de parfum", "Perfume oil" …; for bakhoor and home fragrance, the category's name."""
    if card.category in NOT_WORN:
        return str(CATEGORY_LABELS[card.category])
    return str(CONCENTRATION_LABELS[card.concentration])

