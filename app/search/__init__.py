"""Search and listings: the product_listing read model, the facet index, and the search backend."""
