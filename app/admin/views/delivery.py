"""Back office: the delivery zones — per emirate, whether we deliver, each option's fee, the same-day cut-off
and free standard delivery. The checkout reads them on every request, so a change applies at once."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.address_book import EMIRATES
from app.admin import bp
from app.admin.commerce_forms import DeliveryZoneForm
from app.admin.commerce_services import update_delivery_zone
from app.admin.order_queries import delivery_zones, get_delivery_zone_or_404
from app.admin.queries import audit_entries_for
from app.extensions import db
from app.orders.models import DeliveryZone


@bp.get("/delivery")
def list_delivery_zones():
    """Every emirate with its delivery options, fees and cut-off."""
    return render_template("admin/delivery_zones.html", zones=delivery_zones())


def render_zone(zone: DeliveryZone, form: DeliveryZoneForm, status: int = 200):
    return render_template("admin/delivery_zone.html", zone=zone, form=form,
                           history=audit_entries_for("delivery_zone", zone.id)), status


@bp.get("/delivery/<emirate>")
def edit_delivery_zone(emirate: str):
    """One emirate's delivery terms, to change."""
    zone = get_delivery_zone_or_404(emirate)
    return render_zone(zone, DeliveryZoneForm(formdata=None, data=DeliveryZoneForm.data_of(zone)))


@bp.post("/delivery/<emirate>", endpoint="update_delivery_zone")
def update(emirate: str):
    """Save the emirate's delivery terms, or show the form again with what is wrong."""
    zone = get_delivery_zone_or_404(emirate)
    form = DeliveryZoneForm()
    if not form.validate_on_submit():
        return render_zone(zone, form, 422)
    update_delivery_zone(zone, current_user, is_active=form.is_active.data, same_day_cutoff=form.same_day_cutoff.data,
                         free_delivery_threshold=form.free_delivery_threshold.parsed, fees=form.fees())
    db.session.commit()
    flash(_("The delivery terms of %(emirate)s are saved; checkout uses them from now on.",
            emirate=str(EMIRATES.get(zone.emirate, zone.emirate))), "success")
    return redirect(url_for("admin.list_delivery_zones"), code=303)
