"""The back office's pages, one module per section."""
from app.admin.views import audit, dashboard, products, vendors  # noqa: F401
from app.admin.views import catalog_data, users  # noqa: F401
from app.admin.views import coupons, delivery, orders  # noqa: F401
from app.admin.views import payouts  # noqa: F401
