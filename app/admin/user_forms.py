"""Back-office forms about people: an account's roles, and a bulk change of the ticked accounts."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.accounts.models import ROLES
from app.core.forms import HtmlForm

ROLE_LABELS = {
    "customer": _l("Customer"),
    "vendor": _l("Vendor"),
    "courier": _l("Courier"),
    "admin": _l("Admin"),
}
BULK_ACTIONS = ("deactivate", "reactivate")


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of tick boxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RolesForm(HtmlForm):
    roles = CheckboxesField(_l("Roles"), choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES])
    confirm_admin = BooleanField(_l("I confirm this person may run the whole back office"))

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def validate_roles(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one role."))

    def validate_confirm_admin(self, field):
        """Making someone an admin needs the box ticked as well."""
        newly_admin = "admin" in (self.roles.data or []) and not self.account.has_role("admin")
        if newly_admin and not field.data:
            raise ValidationError(_l("Tick the box to confirm: an admin can change every account, shop and order."))


class BulkUsersForm(HtmlForm):
    """The ids of the ticked accounts; the pressed button (deactivate or reactivate) comes as `action`."""

    users = SelectMultipleField(coerce=int, validate_choice=False)

    def validate_users(self, field):
        if not field.data:
            raise ValidationError(_l("Tick at least one account, then choose what to do with them."))
