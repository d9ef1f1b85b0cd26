"""Every domain's models, imported once so that SQLAlchemy and Alembic see all tables."""
from app.accounts.models import Address, User  # noqa: F401
from app.notifications.models import Notification  # noqa: F401
from app.catalog.models import (  # noqa: F401
    Accord,
    Brand,
    Category,
    Note,
    Offer,
    Product,
    ProductAccord,
    ProductImage,
    ProductNote,
    ProductRevision,
    Review,
    Variant,
)
from app.vendors.models import Vendor, VendorDocument, VendorPayout  # noqa: F401
from app.search.models import ProductListing, ProductSearch, SearchTerm  # noqa: F401
from app.cart.models import Cart, CartLine, WishlistItem  # noqa: F401
from app.orders.models import (  # noqa: F401
    Coupon,
    CouponRedemption,
    DeliveryRate,
    DeliveryZone,
    Order,
    OrderEvent,
    OrderLine,
    SubOrder,
)
from app.payments.models import Payment, PaymentEvent, Refund  # noqa: F401
from app.audit.models import AuditEntry  # noqa: F401
from app.admin.models import StoreTrafficDay  # noqa: F401
