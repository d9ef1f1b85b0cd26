"""Fill translations/ar from a Python mapping of msgid → Arabic (used when adding many strings at once).

    .venv/bin/python scripts/fill_translations.py path/to/mapping.py

The mapping file defines AR = {msgid: text, (singular, plural): (six plural forms)}. Existing
translations are replaced only when the mapping has the msgid; the rest are left as they are.
"""
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO_FILE = Path(__file__).resolve().parent.parent / "translations" / "ar" / "LC_MESSAGES" / "messages.po"


def main(mapping_file: str) -> None:
    arabic = runpy.run_path(mapping_file)["AR"]
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.id in arabic:
            message.string = arabic[message.id]
            message.flags.discard("fuzzy")
    missing = [message.id for message in catalog if message.id and not message.string]
    with PO_FILE.open("wb") as handle:
        write_po(handle, catalog, width=0)
    print(f"{len(missing)} untranslated" + ("".join(f"\n  {m!r}" for m in missing)))


if __name__ == "__main__":
    main(sys.argv[1])
