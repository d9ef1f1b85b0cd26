"""Checks on what applicants type: UAE IBANs (mod-97), TRNs, Arabic names."""
from __future__ import annotations

import re

UAE_IBAN = re.compile(r"AE\d{21}")
TRN = re.compile(r"\d{15}")
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def compact_iban(raw: str) -> str:
    """'ae07 0331 2345…' → 'AE070331…' (spaces and dashes dropped, upper case)."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def iban_checksum_is_valid(iban: str) -> bool:
    """ISO 13616 mod-97: the country and check digits moved to the end, letters as 10–35, remainder 1."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", iban):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def is_uae_iban(raw: str) -> bool:
    iban = compact_iban(raw)
    return bool(UAE_IBAN.fullmatch(iban)) and iban_checksum_is_valid(iban)


def compact_trn(raw: str) -> str:
    return re.sub(r"[\s\-]", "", raw or "")


def is_trn(raw: str) -> bool:
    return bool(TRN.fullmatch(compact_trn(raw)))


def has_arabic_letters(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text or ""))
