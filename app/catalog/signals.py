"""The events of what is sold and how shoppers look at it (see "Domain events" in the README)."""
from blinker import Namespace

catalog_events = Namespace()

# product_ids=: what the store shows of these products changed: approved, rejected, a revision applied, or their
# brand's or a note's names changed (app/admin/services.py, app/admin/catalog_services.py).
product_changed = catalog_events.signal("product_changed")
# offer_ids=, product_ids=, change=: offers changed: "edited" by their shop (one, a new one, or a CSV import),
# "sold" (an order took stock) or "returned" (a cancelled order's stock went back).
offer_changed = catalog_events.signal("offer_changed")
# review=: a customer wrote a review, or changed theirs (app/catalog/reviews.save_review).
review_posted = catalog_events.signal("review_posted")
# visitor=: a person's browser got a whole storefront page (app/catalog/page_views.py).
page_viewed = catalog_events.signal("page_viewed")
# product_id=, visitor=: ... and that page was a product's page.
product_viewed = catalog_events.signal("product_viewed")
