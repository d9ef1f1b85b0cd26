"""The review form: stars, optional text and the optional community votes of the scent DNA."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from app.catalog.product_labels import (
    GENDER_LEAN_LABELS,
    LONGEVITY_LABELS,
    SEASON_LABELS,
    SILLAGE_LABELS,
    TIME_OF_DAY_LABELS,
    VALUE_LABELS,
)
from app.catalog.reviews import BODY_MAX_LENGTH
from app.core.forms import HtmlForm

NO_VOTE = SelectChoice("", _l("No vote"))
RATING_MESSAGE = _l("Choose a rating from 1 to 5 stars.")
VOTE_MESSAGE = _l("Choose one of the listed answers.")


def optional_number(value):
    """'' (no vote) → None, '3' → 3; anything else is refused by the field."""
    if value in ("", None):
        return None
    return int(value)


def choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, text) for value, text in labels.items()]


def vote_field(label, labels: dict):
    return SelectField(label, choices=[NO_VOTE, *choices(labels)],
                       coerce=optional_number, default=None, invalid_choice_message=VOTE_MESSAGE,
                       invalid_value_message=VOTE_MESSAGE)


class TickBoxesField(SelectMultipleField):
    """Several choices as tick boxes (rendered by the radio_group macro like a radio group)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ReviewForm(HtmlForm):
    rating = RadioField(_l("Your rating"), coerce=int, invalid_choice_message=RATING_MESSAGE,
                        invalid_value_message=RATING_MESSAGE)
    body = TextAreaField(
        _l("Your review (optional)"),
        validators=[Length(max=BODY_MAX_LENGTH, message=_l("Keep your review under %(max)d characters."))],
        render_kw={"rows": 5, "maxlength": BODY_MAX_LENGTH, "dir": "auto"},
    )
    longevity = vote_field(_l("Longevity"), LONGEVITY_LABELS)
    sillage = vote_field(_l("Sillage"), SILLAGE_LABELS)
    value_for_money = vote_field(_l("Price and value"), VALUE_LABELS)
    gender_lean = SelectField(_l("Gender lean"), choices=[NO_VOTE, *choices(GENDER_LEAN_LABELS)],
                              default="", invalid_choice_message=VOTE_MESSAGE)
    seasons = TickBoxesField(_l("Best seasons"), choices=choices(SEASON_LABELS),
                             invalid_choice_message=VOTE_MESSAGE)
    times_of_day = TickBoxesField(_l("Day or night"), choices=choices(TIME_OF_DAY_LABELS),
                                  invalid_choice_message=VOTE_MESSAGE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rating.choices = [SelectChoice(stars, ngettext("%(count)s star", "%(count)s stars", stars, count=stars))
                               for stars in range(5, 0, -1)]

    def votes(self) -> dict:
        """The form's answers, as `save_review` takes them."""
        return {
            "rating": self.rating.data, "body": self.body.data or "", "longevity": self.longevity.data,
            "sillage": self.sillage.data, "value_for_money": self.value_for_money.data,
            "gender_lean": self.gender_lean.data or None, "seasons": self.seasons.data or [],
            "times_of_day": self.times_of_day.data or [],
        }
