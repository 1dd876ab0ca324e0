"""Name folding: make the many spellings of one Arabic place name meet on one key.

Syrian names reach English text through several transliteration schools (English, French,
Turkish, academic ALA-LC/DIN with diacritics) and through Arabic script itself.  The gazetteer
never compares raw strings; it compares *keys* built here, at two levels of looseness:

``fold``
    A key that differences of spelling convention cannot change: case, diacritics, ʿayn and
    hamza marks, punctuation and spacing, the Arabic article with its sun-letter assimilation
    (al-Shughur = ash-Shughur = Shughur), Tal/Tall/Tell/Tel, doubled letters, q/k, kh/h, dh/d,
    th/t, gh/g, French ch/dj/ou, the diphthongs ei/ey/ai → ay, aw/ou/o → u, English ee → i, and the
    ta-marbuta endings (-ah/-eh/-iyah/-ieh).  Two names with equal fold keys are treated as
    the same name (score 0.95 in the gazetteer).
``skeleton``
    The consonants of a fold key, with vowels (and the half-vowels w/y) dropped.  It is only a
    *blocking* key: names sharing it are compared again with
    a similarity ratio before the gazetteer accepts one, so "Sweida" finds "Suwayda" but
    "Hama" does not silently become "Hims".

Arabic script folds separately (alef forms, ta marbuta, alef maqsura, hamza seats, tatweel,
harakat, the article ال), so حماة and حماه meet but are not transliterated into Latin.

The build script stores the keys in the gazetteer artifact; ``FOLD_VERSION`` is stored with
them, and the gazetteer refuses an artifact whose keys came from another version.

>>> fold("Deir ez-Zor") == fold("Dayr az-Zawr") == fold("Deir Ezzor") == fold("DEIR AL-ZOUR")
True
>>> fold("Jisr al-Shughur") == fold("Jisr ash-Shughur")
True
>>> fold("حماة") == fold("حَمَاه")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = [
    "ARTICLES",
    "FOLD_VERSION",
    "MAX_NAME_LENGTH",
    "fold",
    "is_arabic",
    "keep_alias",
    "skeleton",
]

#: Bump whenever ``fold`` or ``skeleton`` change; the artifact must then be rebuilt.
FOLD_VERSION = 4

#: Place names longer than this are refused before any regular expression sees them.
MAX_NAME_LENGTH = 200

_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# --- Latin script -------------------------------------------------------------------------

# Marks for ʿayn and hamza, and apostrophes of every shape, vanish: Rif'at = Rifat = Rifʿat.
_MARKS = str.maketrans("", "", "'`´‘’ʼʻʿʾ′\"“”")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.,;:/()\[\]]+")

# The Arabic article and its assimilated forms, as separate tokens after splitting on
# hyphens; also French/Turkish renderings (el, es, ed, ech) and English "the".
#: The Arabic articles as separate tokens (and French/Turkish forms, English "the").
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ar",
        "er",
        "as",
        "es",
        "ad",
        "ed",
        "an",
        "en",
        "at",
        "et",
        "ash",
        "esh",
        "ech",
        "az",
        "ez",
        "ath",
        "adh",
        "ats",
        "the",
    ]
)
# A glued, assimilated article inside a name: Deir Ezzor, Ras Alain, Jisr Ashshughur.
_GLUED_ARTICLE = re.compile(r"^(?:a|e)(?:l(?=[^aeiouy])|([tdrzsnl])\1)")
_TAL = frozenset({"tal", "tall", "tell", "tel", "til"})

# Ordered rewrites applied to the joined token string.  Order matters: digraphs before
# the single letters they contain, diphthongs before vowel rules.  Literal digraphs go
# through str.replace (several times faster than re.sub on short names).
_LITERAL_REWRITES: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("dj", "j"),
    ("ch", "sh"),
    ("ck", "k"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("q", "k"),
)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"c(?=[aou]|$|\b)", "k"),
        (r"(?:ou|oo|aw|au|ow|o)", "u"),
        (r"ee", "i"),
        (r"(?:ei|ey|ai|ay)", "ay"),
        (r"([a-z])\1+", r"\1"),
        # nisba endings: Salamieh = Salamiyah = Salamia
        (r"(?:iya|iye|ie|ia)h?(?= |$)", "ia"),
        # ta marbuta and its spellings at the end of a word: Hamah, Jableh, Raqqah
        (r"(?<=[a-z])(?:ah|eh|a|e)(?= |$)", "a"),
    )
)
_SKELETON_DROP = str.maketrans("", "", "aeiouyw ")

# --- Arabic script ------------------------------------------------------------------------

_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ۍ": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ڪ": "ك",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ـ": None,
        "ء": None,
    }
)
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_ARTICLE = re.compile(r"(?:^| )(?:و?ال)(?=\S{2,})")
_ARABIC_SKELETON_DROP = str.maketrans("", "", "اويه ")


def is_arabic(name: str) -> bool:
    """True when ``name`` contains Arabic-script letters (which fold without transliteration)."""
    return _ARABIC_LETTER.search(name) is not None


def _fold_arabic(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = _HARAKAT.sub("", text).translate(_ARABIC_MAP)
    text = " ".join(text.split())
    text = _ARABIC_ARTICLE.sub(" ", text)
    return "".join(ch for ch in text if _ARABIC_LETTER.match(ch))


def _latin_tokens(name: str) -> list[str]:
    text = name if name.isascii() else anyascii(unicodedata.normalize("NFKC", name))
    text = text.lower()  # ASCII from here on: of the marks only ' ` " can occur
    if "'" in text or "`" in text or '"' in text:
        text = text.translate(_MARKS)
    if text.replace(" ", "").isalpha():
        tokens = text.split()  # letters and spaces: what the separators would leave
    else:
        tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        tokens = kept or tokens[-1:]
    out = []
    for position, token in enumerate(tokens):
        if token in _TAL:
            token = "tal"
        elif position and len(token) > 4 and token[0] in "ae":
            token = _GLUED_ARTICLE.sub(lambda m: m.group(1) or "", token, count=1)
        out.append(token)
    return out


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Return the spelling-convention-free key of a place name ('' when nothing is left).

    >>> fold("Ḥamāh"), fold("HAMA"), fold("al-Ladhiqiyah") == fold("Al Ladhiqiya")
    ('hama', 'hama', True)
    """
    if is_arabic(name):
        return _fold_arabic(name)
    return "".join(map(_rewrite, _latin_tokens(name)))


@lru_cache(maxsize=65536)
def _rewrite(token: str) -> str:
    """The ordered rewrites of one Latin token.  No rewrite reads or writes a space: the
    lookarounds that end a word (``(?= |$)``, ``\b``, ``(?<=[a-z])``) see a token's edge the
    same whether the token stands alone or between spaces.  So a name's key is its tokens'
    rewrites joined, and a word shared by the many names a scanner tries ("Manbij",
    "Manbij Military", "Manbij Military Council") is rewritten once."""
    for literal, replacement in _LITERAL_REWRITES:
        if literal in token:
            token = token.replace(literal, replacement)
    for pattern, repl in _REWRITES:
        token = pattern.sub(repl, token)
    return token


def clear_caches() -> None:
    """Empty the folding caches (for benchmarks that measure a cold start)."""
    fold.cache_clear()
    skeleton.cache_clear()
    _rewrite.cache_clear()


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Blocking key of a fold key: its consonants (fold keys have no doubled letters left).

    >>> skeleton(fold("Sweida")) == skeleton(fold("As-Suwayda"))
    True
    """
    if is_arabic(key):
        return key.translate(_ARABIC_SKELETON_DROP)
    return key.translate(_SKELETON_DROP)


_MAX_ALIAS = 80


def keep_alias(alias: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing: Latin-script names with capitals
    and Arabic-script names.  Drops Cyrillic, CJK and other scripts our readers do not type,
    short all-capital codes ('XZY'), and GeoNames' unvowelled lower-case transliterations
    ('bsry alsham'), which only add false matches.

    >>> keep_alias("Bosra"), keep_alias("بصرى"), keep_alias("bsry"), keep_alias("Босра")
    (True, True, False, False)
    """
    alias = alias.strip()
    if not alias or len(alias) > _MAX_ALIAS or any(ch.isdigit() for ch in alias):
        return False
    if alias.isupper() and len(alias) <= 5:
        return False
    if is_arabic(alias):
        return all(not ch.isalpha() or is_arabic(ch) for ch in alias)
    if alias == alias.lower():
        return False
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or ch in "ʿʾʻ‘’" for ch in alias)
