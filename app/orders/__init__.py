"""Orders: pricing (coupons, delivery zones, VAT), placing a bag as an order split per vendor, and the order's
status machine. Its pages (confirmation, my orders, invoices) come with the checkout."""
