"""The Arabic bridge: one consonant key for a name in Arabic script and in any romanisation.

News agencies, OCHA, the French, Turkish and Kurdish schools and academic ALA-LC spell one
Arabic name in ways that :func:`~syriamap.gazetteer.names.fold` cannot all bring together
("Jisr al-Shughur", "Cisr eş-Şugur", "Djisr ech-Choghour").  What they share is the Arabic
word underneath.  :func:`bridge_key` writes that word's consonants as classes, so the Arabic
name OCHA stores for every Syrian place (جسر الشغور) and every Latin spelling of it reduce to
the same key (``JSRCGR``), without a hand-written alias per place:

=======  =============================  ============================================
class    Arabic                         Latin
=======  =============================  ============================================
``B``    ب پ                             b p
``T``    ت ط ث, ة inside a phrase        t th ṭ ṯ
``J``    ج چ                             j dj ǧ zh, c and ç in Turkish/Kurdish
``H``    ح ه, final ة                    h ḥ
``X``    خ                               kh x ḫ (written ``H`` in the key)
``D``    د ذ ض ظ ز                       d dh z ḍ ḏ ẓ
``S``    س ص                             s ṣ
``C``    ش                               sh ch ş š
``K``    ق ك گ                           q k ck, c elsewhere
``G``    غ                               gh g ğ ġ
``R L M N F``  ر ل م ن ف ڤ              r l m n f v
(none)   ا و ي ى ع ء and their seats    vowels, w, y, ʿ ʾ and apostrophes
=======  =============================  ============================================

The article (ال, al-/el-/ash-/ez- …, assimilated or glued) goes, as in ``fold``; letters
written twice in a row count once (shadda is not written); a word's final ``H`` goes
(ta marbuta: Hamah = Hama = حماة), but not a final ``X`` (Sheikh).

A key is a *blocking* key.  :func:`confirms` is the second look that decides whether two
names with equal keys are one name: at least two consonants (three across scripts), as many
words, the same kind of first sound (vowel, half-vowel or consonant) and of ending (nisba
-iyah/ية, a final -i/ي, another vowel or ta marbuta, consonant); two Latin spellings must
put vowels of the same quality in the same places, and a Latin spelling must write a vowel
of the right quality wherever the Arabic writes a long one.  That keeps "Salma" from
Salamiyah (سلمى and سلمية share ``SLM``), "Humayim" from the village Hmeimeh and "Kefraya"
from Kafr Aaya.

>>> bridge_key("Jisr al-Shughur") == bridge_key("Cisr eş-Şugur") == bridge_key("جسر الشغور")
True
>>> bridge_key("Quamishli") == bridge_key("القامشلي"), confirms("Salma", "Salamiyah")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from .names import MAX_NAME_LENGTH, _latin_tokens, is_arabic

__all__ = ["BRIDGE_VERSION", "bridge_key", "confirms"]

#: Stored with the keys; bump when ``bridge_key`` changes (the artifact must be rebuilt).
BRIDGE_VERSION = 1

# --- Arabic script ------------------------------------------------------------------------

_AR_CLASS = {
    **dict.fromkeys("بپ", "B"),
    **dict.fromkeys("تطث", "T"),
    **dict.fromkeys("جچ", "J"),
    **dict.fromkeys("حه", "H"),
    "خ": "X",
    **dict.fromkeys("دذض", "D"),
    **dict.fromkeys("زظ", "Z"),
    **dict.fromkeys("سص", "S"),
    "ش": "C",
    **dict.fromkeys("قكگکڪ", "K"),
    "غ": "G",
    "ر": "R",
    "ل": "L",
    "م": "M",
    "ن": "N",
    **dict.fromkeys("فڤ", "F"),
}
_AR_VOWEL_START = frozenset("اأإآٱعءئؤ")
_AR_HALF_VOWELS = frozenset("وي")
_AR_VOWEL_END = frozenset("ةهاىيوأءئ")
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u06a4\u06af\u06a9\u067e\u0686]+")

# --- Latin script -------------------------------------------------------------------------

# Letters whose value anyascii would lose (ş → s), written out before it runs.
_LATIN_PRE = str.maketrans(
    {
        "ş": "sh",
        "š": "sh",
        "ṣ": "s",
        "ç": "c",
        "č": "ch",
        "ǧ": "j",
        "ğ": "g",
        "ġ": "gh",
        "ı": "i",
        "ḫ": "kh",
        "ẖ": "kh",
        "ḵ": "kh",
        "x": "kh",
        "ṯ": "th",
        "ḏ": "dh",
        "ž": "zh",
    }
)
#: Turkish and Kurdish letters: a name with one of them writes ج as ``c``.
_TURKISH_KURDISH = frozenset("şçğıêîûŞÇĞİÊÎÛ")
_DIGRAPHS = {
    "sh": "C",
    "ch": "C",
    "kh": "X",
    "gh": "G",
    "th": "T",
    "dh": "D",
    "dj": "J",
    "zh": "J",
    "dz": "Z",
    "ph": "F",
    "ck": "K",
}
_SINGLE = {
    "b": "B",
    "p": "B",
    "t": "T",
    "j": "J",
    "g": "G",
    "h": "H",
    "d": "D",
    "z": "Z",
    "s": "S",
    "r": "R",
    "l": "L",
    "m": "M",
    "n": "N",
    "f": "F",
    "v": "F",
    "k": "K",
    "q": "K",
}
_LATIN_VOWELS = frozenset("aeiou")
_LATIN_VOWEL_LETTERS = ("a", "e", "i", "o", "u")
#: The quality of a Latin vowel letter; ``e`` is either ``a`` or ``i`` (imala: Menbij).
_LATIN_QUALITY = str.maketrans("ywoe", "iuu*")
_DIGRAPH_ENDS = ("kh", "sh", "ch", "gh", "th", "dh")
_LATIN_NISBA = re.compile(r"(?:iy+|i|e)(?:a|e)h?$|iy+a?h?$|ie$")
_AR_NISBA = ("ية", "يه", "يا")

#: A name's letters as classes, word by word: an upper-case consonant class, or the
#: lower-case vowel letters between two consonants (Arabic ا و ي as a u i, ʿayn and hamza as ').
Classes = list[list[str]]

_AR_VOWEL = {
    **dict.fromkeys("اآٱى", "a"),
    "و": "u",
    "ؤ": "'",
    "ي": "i",
    **dict.fromkeys("عءأإئ", "'"),
}
#: What a Latin spelling writes for Arabic's long vowels.
_QUALITY = {"a": "ae", "u": "uow", "i": "iey", "'": "aeiouwy"}


def _collapse(classes: list[str]) -> list[str]:
    # Adjacent equal consonants are one doubled letter (shadda is not written); adjacent
    # vowels are one vowel group.  A final H with no vowel after it is a ta marbuta (Hamah,
    # حماة), unlike the H of Riha, أريحا.
    out: list[str] = []
    for cls in classes:
        if out and cls.islower() and out[-1].islower():
            out[-1] += cls
        elif not out or out[-1] != cls or cls.islower():
            out.append(cls)
    if out and out[-1] == "H":
        out.pop()
    return out


def _arabic_words(name: str) -> list[str]:
    text = _HARAKAT.sub("", unicodedata.normalize("NFKC", name))
    words = _AR_WORD.findall(text)
    stripped = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words]
    return [w for w in stripped if w] or words


def _arabic_letter(ch: str, inner: bool) -> str:
    # A ta marbuta inside a phrase is read -at (Maarat al-Numan): a T, not a dropped H.
    if ch == "ة":
        return "T" if inner else "H"
    return _AR_CLASS.get(ch) or _AR_VOWEL.get(ch, "'")


def _arabic_classes(words: list[str]) -> Classes:
    last = len(words) - 1
    return [_collapse([_arabic_letter(ch, i < last) for ch in w]) for i, w in enumerate(words)]


def _latin_words(name: str) -> list[str]:
    turkish = any(ch in _TURKISH_KURDISH for ch in name)
    text = unicodedata.normalize("NFKC", name).lower().translate(_LATIN_PRE)
    if turkish:
        text = text.replace("ch", "j").replace("c", "j")  # Münbiç, Cisr: ç and c are ج
    return _latin_tokens(anyascii(text))


def _latin_classes(word: str) -> list[str]:
    classes: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair == "qu" and word[i + 2 : i + 3] in _LATIN_VOWEL_LETTERS:
            classes.append("K")  # Quamishli: the u only says how to read the q
            i += 2
            continue
        if pair in _DIGRAPHS:
            classes.append(_DIGRAPHS[pair])
            i += 2
            continue
        ch = word[i]
        if ch == "c":
            classes.append("J" if word[i + 1 : i + 2] in ("e", "i", "y") else "K")
        elif ch in _SINGLE:
            classes.append(_SINGLE[ch])
        elif ch.isalpha():
            classes.append(ch)
        i += 1
    return _collapse(classes)


@lru_cache(maxsize=65536)
def _classes(name: str) -> tuple[bool, Classes, tuple[str, ...]]:
    """(Arabic script?, classes by word, the words)."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return False, [], ()
    if is_arabic(name):
        words = _arabic_words(name)
        return True, _arabic_classes(words), tuple(words)
    latin = _latin_words(name)
    return False, [_latin_classes(w) for w in latin], tuple(latin)


def bridge_key(name: str) -> str:
    """The consonant-class key of a place name in Arabic or Latin script ('' if none).

    >>> bridge_key("Tell Abiad"), bridge_key("تل أبيض"), bridge_key("Münbiç"), bridge_key("منبج")
    ('TLBD', 'TLBD', 'MNBJ', 'MNBJ')
    """
    key = "".join(c for word in _classes(name)[1] for c in word if c.isupper())
    return key.replace("X", "H")


def _slots(classes: Classes) -> dict[int, str]:
    # Slot i lies between the key's consonants i and i + 1 (0: before the first).
    slots: dict[int, str] = {}
    consonants = 0
    for word in classes:
        for cls in word:
            if cls.isupper():
                consonants += 1
            else:
                slots[consonants] = slots.get(consonants, "") + cls
    return slots


def _shape(name: str) -> tuple[bool, str, str, dict[int, str]]:
    """(Arabic script?, first sound, ending, vowel slots) of a name.  First sound: ``V``
    vowel, ``S`` half-vowel (و ي w y), ``C`` consonant.  Ending: ``N`` nisba (-iyah, -ieh,
    -ia, ية), ``I`` a final -i or -y (ي: al-Jabali is not Jableh, جبلة), ``V`` another vowel
    or ta marbuta, ``C`` a consonant, ``?`` a final ح (Saleh = صالح, read both ways).
    Slots: the vowels between the key's consonants."""
    arabic, classes, words = _classes(name)
    if not words or not words[0]:
        return arabic, "", "", {}
    if arabic:
        first, last = words[0][0], words[-1]
        start = "V" if first in _AR_VOWEL_START else "S" if first in _AR_HALF_VOWELS else "C"
        if last.endswith(_AR_NISBA):
            end = "N"
        else:
            end = (
                "?"
                if last[-1] == "ح"
                else "I"
                if last[-1] == "ي"
                else "V"
                if last[-1] in _AR_VOWEL_END
                else "C"
            )
        return arabic, start, end, _slots(classes)
    text = " ".join(words)
    start = "V" if text[0] in _LATIN_VOWELS else "S" if text[0] in "wy" else "C"
    if _LATIN_NISBA.search(text):
        end = "N"
    else:
        if text.endswith("h") and not text.endswith(_DIGRAPH_ENDS):
            text = text[:-1]
        end = "I" if text[-1:] in ("i", "y") else "V" if text[-1:] in "aeou" else "C"
    return arabic, start, end, _slots(classes)


def _same_vowels(one: dict[int, str], other: dict[int, str]) -> bool:
    # Two Latin spellings write vowels in the same places, of the same qualities (a, i, u;
    # an e stands for a or i): Sweida = Suwayda, Menbij = Manbij; not Tuwama = Tama.
    if one.keys() != other.keys():
        return False
    for slot, vowels in one.items():
        mine = set(vowels.translate(_LATIN_QUALITY))
        theirs = set(other[slot].translate(_LATIN_QUALITY))
        for a, b in ((mine, theirs), (theirs, mine)):
            if any(q not in b and not (q in "ai" and "*" in b) for q in a - {"*"}):
                return False
            if "*" in a and not b & {"a", "i", "*"}:
                return False
    return True


def _written(arabic: dict[int, str], latin: dict[int, str]) -> bool:
    # Every long vowel (ʿayn, hamza) of the Arabic has a Latin vowel of its quality there.
    for slot, vowels in arabic.items():
        found = latin.get(slot, "")
        if not all(any(v in found for v in _QUALITY[q]) for q in vowels):
            return False
    return True


@lru_cache(maxsize=65536)
def confirms(name: str, other: str) -> bool:
    """Whether two names with equal :func:`bridge_key` are the same name (see the module
    docstring for the rules); False when their keys differ.

    >>> confirms("Ufaniyah", "Ofania"), confirms("Humayim", "Hmeimeh"), confirms("Hama", "Homs")
    (True, False, False)
    """
    key = bridge_key(name)
    if len(key) < 2 or key != bridge_key(other):
        return False
    arabic, start, end, slots = _shape(name)
    other_arabic, other_start, other_end, other_slots = _shape(other)
    if len(_classes(name)[2]) != len(_classes(other)[2]):
        return False  # Kefraya is not Kafr Aaya
    if arabic != other_arabic and len(key) < 3:
        return False  # two consonants and no short vowels to compare: too little to go on
    if start != other_start and "S" not in (start, other_start):
        return False
    if end != other_end and "?" not in (end, other_end):
        return False
    # Latin writes every vowel, Arabic only the long ones (and ʿayn, hamza): two Latin
    # spellings put their vowels in the same places, and a Latin spelling writes a vowel
    # of the same quality wherever the Arabic has one.
    if arabic == other_arabic:
        return arabic or _same_vowels(slots, other_slots)
    return _written(slots, other_slots) if arabic else _written(other_slots, slots)
