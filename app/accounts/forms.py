"""Account forms. Labels and messages are lazy so they follow the request's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, DateField, EmailField, HiddenField, PasswordField, RadioField, StringField, TelField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app.accounts.passwords import MAXIMUM_LENGTH, MINIMUM_LENGTH, password_problem
from app.accounts.validators import GccMobile
from app.core.forms import HtmlForm, clean_name, clean_text

LANGUAGE_CHOICES = [SelectChoice("en", "English", render_kw={"lang": "en"}),
                    SelectChoice("ar", "العربية", render_kw={"lang": "ar"})]
PASSWORD_HINT = _l("At least 10 characters. A short sentence is easy to remember and hard to guess.")
PASSWORD_PROBLEMS = {
    "too_short": _l("Use at least 10 characters."),
    "too_long": _l("Use at most 256 characters."),
    "common": _l("This password is too common. Choose one that is not on lists of popular passwords."),
    "is_email": _l("Do not use your email address as your password."),
}


class NewPassword:
    """Refuse short, very common and email-like passwords, saying which problem it is."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        email = getattr(form, self.email_field).data if self.email_field else ""
        problem = password_problem(field.data or "", email or "")
        if problem:
            raise ValidationError(PASSWORD_PROBLEMS[problem])


def email_field(label=_l("Email")):
    return EmailField(
        label,
        filters=[clean_text],
        validators=[DataRequired(_l("Enter your email address.")), Email(_l("Enter a valid email address.")),
                    Length(max=254)],
        render_kw={"autocomplete": "email", "dir": "ltr", "spellcheck": "false"},
    )


def new_password_field(label=_l("Password"), email_field_name: str | None = "email"):
    return PasswordField(
        label,
        validators=[DataRequired(_l("Choose a password.")), NewPassword(email_field_name)],
        render_kw={"autocomplete": "new-password", "minlength": MINIMUM_LENGTH, "maxlength": MAXIMUM_LENGTH},
    )


def current_password_field(label=_l("Current password")):
    return PasswordField(label, validators=[DataRequired(_l("Enter your password.")), Length(max=MAXIMUM_LENGTH)],
                         render_kw={"autocomplete": "current-password"})


def mobile_field(required: bool):
    presence = DataRequired(_l("Enter your mobile number.")) if required else Optional()
    return TelField(_l("Mobile number"), validators=[presence, GccMobile()],
                    render_kw={"autocomplete": "tel", "dir": "ltr", "placeholder": "050 123 4567"})


class SignInForm(HtmlForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=MAXIMUM_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember_me = BooleanField(_l("Keep me signed in for 30 days"))
    next = HiddenField()


class SecondFactorForm(HtmlForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(_l("Enter the 6-digit code.")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "dir": "ltr", "spellcheck": "false"},
    )
    next = HiddenField()


class TotpEnrolmentForm(HtmlForm):
    code = StringField(
        _l("6-digit code from the app"),
        validators=[DataRequired(_l("Enter the 6-digit code."))],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr", "maxlength": 6},
    )
    next = HiddenField()


class RegistrationForm(HtmlForm):
    full_name = StringField(_l("Full name"), filters=[clean_name],
                            validators=[DataRequired(_l("Enter your name.")), Length(max=120)],
                            render_kw={"autocomplete": "name"})
    email = email_field()
    mobile = mobile_field(required=False)
    password = new_password_field()
    preferred_language = RadioField(_l("Language for emails and messages"), choices=LANGUAGE_CHOICES, default="en")
    marketing_opt_in = BooleanField(_l("Send me offers and new arrivals by email"), default=False)
    next = HiddenField()


class EmailOnlyForm(HtmlForm):
    email = email_field()


class ResetPasswordForm(HtmlForm):
    password = new_password_field(_l("New password"), email_field_name=None)


class ChangePasswordForm(HtmlForm):
    current_password = current_password_field()
    new_password = new_password_field(_l("New password"), email_field_name=None)


class ChangeEmailForm(HtmlForm):
    new_email = email_field(_l("New email address"))
    password = current_password_field()


class ProfileForm(HtmlForm):
    full_name = StringField(_l("Full name"), filters=[clean_name],
                            validators=[DataRequired(_l("Enter your name.")), Length(max=120)],
                            render_kw={"autocomplete": "name"})
    mobile = mobile_field(required=False)
    preferred_language = RadioField(_l("Language"), choices=LANGUAGE_CHOICES)
    date_of_birth = DateField(_l("Date of birth (optional)"), validators=[Optional()],
                              render_kw={"autocomplete": "bday"})
    notify_orders_by_email = BooleanField(_l("Order updates by email"))
    notify_orders_by_sms = BooleanField(_l("Order updates by SMS"))
    notify_orders_in_app = BooleanField(_l("Order updates here on AromaSouQ"))
    marketing_opt_in = BooleanField(_l("I would like to hear about offers and new arrivals"))
    notify_marketing_by_email = BooleanField(_l("Offers by email"))
    notify_marketing_by_sms = BooleanField(_l("Offers by SMS"))

    def validate_date_of_birth(self, field):
        from datetime import date

        if field.data and not (date(1900, 1, 1) <= field.data <= date.today()):
            raise ValidationError(_l("Enter a date of birth in the past."))


class DeleteAccountForm(HtmlForm):
    password = current_password_field(_l("Your password"))
    confirm = BooleanField(_l("I understand that my account and personal details will be deleted"),
                           validators=[DataRequired(_l("Tick the box to confirm."))])
