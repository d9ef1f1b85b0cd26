import pytest

from app.core.i18n import text_direction


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("en", "ltr")])
def test_direction_comes_from_locale_data(language, direction):
    assert text_direction(language) == direction
