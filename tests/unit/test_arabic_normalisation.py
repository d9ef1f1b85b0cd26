"""Folding Arabic (and accented Latin) for search, and the bilingual synonyms."""
import pytest

from app.search.arabic import normalise, synonyms, words


@pytest.mark.parametrize("raw, folded", [
    ("عُودٌ", "عود"),  # tashkeel
    ("العَنْبَرُ", "العنبر"),
    ("عـــــود", "عود"),  # tatweel
    ("أمواج", "امواج"), ("إكليل", "اكليل"), ("آمال", "امال"), ("ٱلمسك", "المسك"),  # alef forms
    ("مستشفى", "مستشفي"),  # alef maqsura → yaa
    ("وردة", "ورده"),  # taa marbuta → haa
    ("مؤسسة", "موسسه"), ("لؤلؤ", "لولو"), ("رئيس", "رييس"),  # hamza on waw / yaa
    ("ﻋﻮﺩ", "عود"),  # presentation forms
    ("Crème Brûlée", "creme brulee"), ("ÉCLAT", "eclat"), ("Oud", "oud"),
    ("", ""),
])
def test_normalise(raw, folded):
    assert normalise(raw) == folded


def test_normalise_is_idempotent_and_keeps_digits():
    text = "عِطْرُ الوَرْدَةِ ١٠٠ مل 100ml"
    assert normalise(normalise(text)) == normalise(text)
    assert words(text) == ["عطر", "الورده", "١٠٠", "مل", "100ml"]


def test_words_split_on_punctuation():
    assert words("Oud-Wood, by Tom_Ford!") == ["oud", "wood", "by", "tom", "ford"]


@pytest.mark.parametrize("word, other", [("oud", "عود"), ("عُود", "oud"), ("rose", "ورد"), ("وردة", "rose"),
                                         ("Amber", "عنبر"), ("musk", "مسك"), ("floral", "زهري"),
                                         ("أخضر", "green")])
def test_synonyms_cross_languages(word, other):
    assert normalise(other) in synonyms(word)
    assert normalise(word) in synonyms(other)


def test_a_word_without_synonyms_is_its_own_group():
    assert synonyms("Chanel") == frozenset({"chanel"})
