"""Every sentence a person reads has its Arabic: the catalog holds no message left empty or marked fuzzy
(a fuzzy translation is a guess `pybabel compile` would leave out)."""
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parents[2] / "translations" / "ar" / "LC_MESSAGES" / "messages.po"


def test_every_message_has_its_arabic():
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    untranslated = [message.id for message in catalog if message.id and (
        "fuzzy" in message.flags or not message.string
        or (isinstance(message.string, tuple) and not all(message.string)))]
    assert untranslated == []
