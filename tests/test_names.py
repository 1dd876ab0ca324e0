"""Folding makes the spellings of one name meet, and keeps different names apart."""

from __future__ import annotations

import pytest

from syriamap.gazetteer import fold, skeleton

SAME = [
    ("Deir ez-Zor", "Dayr az-Zawr", "Deir Ezzor", "DEIR AL-ZOUR", "Deir el-Zor"),
    ("Hama", "Hamah", "Ḥamāh", "HAMA", "Ḩamāh"),
    ("Jisr al-Shughur", "Jisr ash-Shughur", "Jisr ash Shughūr"),
    ("Tal Rifaat", "Tall Rif'at", "Tel Rifaat", "Tell Rifʿat", "Tall Rif‘at"),
    ("Ras al-Ain", "Ra's al-'Ayn", "Ra’s al ‘Ayn"),
    ("Khmeimim", "Hmeimim"),
    ("Raqqa", "Ar-Raqqah", "Rakka", "ar Raqqah"),
    ("Salamiyah", "Salamieh", "Salamiyeh"),
    ("Sheikh Maqsoud", "Shaykh Maqsud", "Cheikh Maqsoud"),
    ("Al-Ladhiqiyah", "Al Lādhiqīyah"),
    ("Qamishli", "Kamishli", "Al-Qamishli"),
]


@pytest.mark.parametrize("spellings", SAME, ids=lambda s: s[0])
def test_spellings_of_one_name_fold_to_one_key(spellings: tuple[str, ...]) -> None:
    assert len({fold(s) for s in spellings}) == 1, [fold(s) for s in spellings]


def test_arabic_script_normalises_alef_ta_marbuta_harakat_and_tatweel() -> None:
    assert fold("حماة") == fold("حماه") == fold("حَمَاة") == fold("حمـاة")
    assert fold("إدلب") == fold("ادلب") == fold("أدلب")
    assert fold("دير الزور") == fold("دير الزّور")


def test_arabic_article_is_dropped_like_the_latin_one() -> None:
    assert fold("الرقة") == fold("رقة")


def test_arabic_is_not_transliterated_into_latin() -> None:
    assert fold("حماة") != fold("Hama")
    assert not fold("حماة").isascii()


def test_different_places_keep_different_keys() -> None:
    keys = {fold(n) for n in ("Hama", "Homs", "Aleppo", "Idlib", "Daraa", "Damascus")}
    assert len(keys) == 6


def test_a_name_made_only_of_articles_keeps_its_last_word() -> None:
    assert fold("El") == "el"
    assert fold("al-Bab") == "bab"


def test_punctuation_alone_folds_to_nothing() -> None:
    assert fold("--- ''' ...") == ""


def test_skeleton_joins_vowel_variants_that_fold_keeps_apart() -> None:
    assert fold("Sweida") != fold("As-Suwayda")
    assert skeleton(fold("Sweida")) == skeleton(fold("As-Suwayda"))
    assert skeleton(fold("Idleb")) == skeleton(fold("Idlib"))


def test_clear_caches_leaves_the_keys_unchanged() -> None:
    from syriamap.gazetteer.names import clear_caches

    before = [fold(n) for n in ("Deir ez-Zor", "Tall Abyad", "Jisr ash-Shughur", "حماة")]
    clear_caches()
    assert [fold(n) for n in ("Deir ez-Zor", "Tall Abyad", "Jisr ash-Shughur", "حماة")] == before
