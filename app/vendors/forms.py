"""The vendor application form. Labels and messages are lazy so they follow the request's language."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.file import MultipleFileField
from wtforms import DateField, SelectChoice, SelectField, StringField, TelField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.accounts.address_book import EMIRATES
from app.accounts.validators import GccMobile
from app.core.forms import HtmlForm, clean_name, clean_text
from app.vendors.documents import DocumentRefused, check_document, max_document_bytes
from app.vendors.validators import compact_iban, compact_trn, has_arabic_letters, is_trn, is_uae_iban

MAX_DOCUMENTS = 3
UAE_TIME = ZoneInfo("Asia/Dubai")


def upper_compact_iban(value):
    return compact_iban(value) if value else value


def compact_trn_filter(value):
    return compact_trn(value) if value else value


class VendorApplicationForm(HtmlForm):
    name_en = StringField(_l("Business name in English"), filters=[clean_name],
                          validators=[DataRequired(_l("Enter the business name in English.")), Length(max=120)],
                          render_kw={"lang": "en", "dir": "ltr", "autocomplete": "organization"})
    name_ar = StringField(_l("Business name in Arabic"), filters=[clean_name],
                          validators=[DataRequired(_l("Enter the business name in Arabic.")), Length(max=120)],
                          render_kw={"lang": "ar", "dir": "rtl"})
    trade_licence_number = StringField(_l("Trade licence number"), filters=[clean_text],
                                       validators=[DataRequired(_l("Enter the trade licence number.")),
                                                   Length(min=3, max=40)],
                                       render_kw={"dir": "ltr"})
    trade_licence_expires_on = DateField(_l("Trade licence expiry date"),
                                         validators=[DataRequired(_l("Enter the expiry date of the trade licence."))])
    emirate = SelectField(_l("Emirate"), choices=[SelectChoice(key, label) for key, label in EMIRATES.items()],
                          validators=[DataRequired(_l("Choose the emirate your shop ships from."))])
    contact_name = StringField(_l("Contact person"), filters=[clean_name],
                               validators=[DataRequired(_l("Enter the name of the contact person.")), Length(max=120)],
                               render_kw={"autocomplete": "name"})
    contact_mobile = TelField(_l("Contact mobile number"),
                              validators=[DataRequired(_l("Enter your mobile number.")), GccMobile()],
                              render_kw={"autocomplete": "tel", "dir": "ltr", "placeholder": "050 123 4567"})
    trn = StringField(_l("Tax registration number (TRN, optional)"), filters=[compact_trn_filter],
                      validators=[Optional()], render_kw={"dir": "ltr", "inputmode": "numeric"})
    iban = StringField(_l("IBAN for payouts"), filters=[upper_compact_iban],
                       validators=[DataRequired(_l("Enter the IBAN your payouts should go to."))],
                       render_kw={"dir": "ltr", "autocomplete": "off", "placeholder": "AE07 0331 2345 6789 0123 456"})
    documents = MultipleFileField(_l("Trade licence and other documents"),
                                  render_kw={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})

    def validate_name_ar(self, field):
        if not has_arabic_letters(field.data):
            raise ValidationError(_l("Write the Arabic name in Arabic letters."))

    def validate_trade_licence_expires_on(self, field):
        if field.data and field.data <= datetime.now(UAE_TIME).date():
            raise ValidationError(_l("This trade licence has expired. Renew it before you apply."))

    def validate_trn(self, field):
        if field.data and not is_trn(field.data):
            raise ValidationError(_l("A TRN has 15 digits."))

    def validate_iban(self, field):
        if not is_uae_iban(field.data):
            raise ValidationError(_l("Enter a UAE IBAN: AE and 21 digits, for example AE07 0331 2345 6789 0123 456."))

    def validate_documents(self, field):
        """Each file checked by its content; the checked ones wait in `field.checked` for the service."""
        uploads = [upload for upload in (field.data or []) if upload and upload.filename]
        if not uploads and not self.documents_optional:
            raise ValidationError(_l("Add a copy of your trade licence (PDF, JPEG or PNG)."))
        if len(uploads) > MAX_DOCUMENTS:
            raise ValidationError(ngettext("Add at most %(num)d document.", "Add at most %(num)d documents.",
                                            MAX_DOCUMENTS))
        field.checked = []
        for upload in uploads:
            try:
                field.checked.append(check_document(upload.stream, upload.filename))
            except DocumentRefused as refusal:
                raise ValidationError(document_problem(refusal.reason, upload.filename)) from refusal

    # A reapplication keeps the documents sent before, so new ones are optional then.
    documents_optional = False


def document_problem(reason: str, filename: str) -> str:
    if reason == "size":
        return _l("%(file)s is larger than %(size)d MB.", file=filename,
                  size=max_document_bytes() // (1024 * 1024))
    return _l("%(file)s is not a PDF, JPEG or PNG file.", file=filename)


def upload_too_large_problem() -> str:
    """Said when the whole request is over MAX_CONTENT_LENGTH (the server stops reading it)."""
    return _l("Your files together are larger than %(size)d MB. Send fewer or smaller files.",
              size=current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024))
