"""Finding the places an article names, with their character offsets.

A scanner, not a tagger: it proposes runs of capitalised words (and Arabic-script words), looks
their longest sub-runs up in the gazetteer with exact and folded matching only (any word is an
*approximate* match of some village somewhere), and keeps a match only when the words around
it do not make it part of another kind of name:

* an organisation or a person that contains a place word — "Quds Force", "New York Times",
  "Manbij Military Council", "Israel Katz", "Israel Defense Forces" — is recognised by the
  capitalised, non-place word that continues the run (a place-feature word such as
  "Airport", "Dam" or "Governorate" continues a place instead);
* a title before the run ("President", "Minister", "leader") marks a person;
* demonyms and common words capitalised at the start of a sentence are not places.

Ambiguous names are settled by the document: a name whose best readings tie across countries
takes the reading in the country the article otherwise talks about most, else the one nearest
to the article's other places.  Governorate phrasing ("Hama province", "rural Idlib",
"the Aleppo countryside") resolves to the governorate while the mention keeps the bare name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from ..document import Mention
from ..gazetteer import Candidate, Gazetteer, Place, haversine_km, region_rank

__all__ = ["Mention", "find_places"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'ʿʾ‘\-]*\w)?", re.UNICODE)
#: Lower-case words that may join capitalised words into one name ("Ras al Ain", "Deir ez
#: Zor").  Not the English "as", "at", "an", which are Arabic articles too ("Ras as Sukkar")
#: but far more often split two names: "flew to Libya as Moscow ...".
_CONNECTORS = frozenset(
    "al el ad ar ash az adh ath ed es et ez en er de du of bin ibn bani abu umm".split()
)
_ARTICLE_PREFIX = re.compile(
    r"^(?:al|el|as|es|ash|esh|ad|ed|ar|er|an|en|at|et|az|ez|ath|adh)[-‐](?=\w)"
)
#: The same article in any case ("Al-Rai", "al-Assad").
_ANY_ARTICLE = re.compile(_ARTICLE_PREFIX.pattern, re.IGNORECASE)
#: Feature words that continue a place ("Hama Governorate", "Tishreen Dam").
_PLACE_WORDS = frozenset(
    """Governorate Province Countryside Region District City Town Village Port Airport Airbase
    Base Crossing Border Gate Dam Lake River Valley Plain Desert Mountains Mountain Heights
    Highway Road Prison Camp University Citadel Square Mosque Bridge Hills Hill Sea Gulf
    Strait Peninsula Coast Island Islands Oasis Field Refinery Station""".split()
)
#: Words the gazetteer strips before matching ("the city of Hama"); a name holding one needs
#: the full search even when its folded form is no known name.
_QUALIFIER_WORDS = re.compile(
    r"\b(?:the|city|town|village|port|governorate|province|region|district|area|subdistrict|"
    r"municipality|neighbou?rhood|camp|مدينة|بلدة|قرية|ميناء|منطقة|مخيم)\b",
    re.IGNORECASE,
)
_SPEAKS = re.compile(r"\s+(?:said|says|told|added|wrote|argued|explained|stated|asked)\b")
_FEATURE_AFTER = re.compile(
    r"\s+(?:border crossing|crossing|border gate|air ?base|airport|military airport|dam|prison|"
    r"camp|refugee camp|base|naval base|port|highway|mountains?)\b",
    re.IGNORECASE,
)
_ADMIN_AFTER = re.compile(r"^\s+(province|governorate|countryside|region)\b", re.IGNORECASE)
_ADMIN_BEFORE = re.compile(r"\b(rural|countryside\s+of|province\s+of)\s+$", re.IGNORECASE)
#: Two governorates named together: "Idlib and Hama provinces", "the coastal areas of Latakia
#: and Tartus", "the provinces of Daraa and Sweida".
_ADMIN_PAIR_AFTER = re.compile(
    r"(?:\s+and\s+(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?)?\s+(?:provinces|governorates)\b",
    re.IGNORECASE,
)
_ADMIN_PAIR_BEFORE = re.compile(
    r"\b(?:provinces|governorates|areas|regions)\s+of\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+)?\s+and\s+)?$",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(
    r"\b(President|Minister|minister|leader|Leader|Mr|Mrs|Ms|Dr|Gen|General|Sheikh|King|Prince|"
    r"Emir|commander|Commander|spokesman|spokesperson|chief|Chief|Secretary|envoy|Ambassador|"
    r"ambassador|Prime|Pope|Ayatollah|Colonel|Col|Lt|Sgt|Captain|Senator|Rep)\.?\s+$"
)
#: Capitalised words that are never place mentions here: demonyms, persons, common words.
_DEMONYMS = frozenset(
    """Syrian Syrians Iranian Iranians Russian Russians Turkish Turk Turks Kurdish Kurd Kurds
    Israeli Israelis Lebanese Iraqi Iraqis Jordanian Jordanians American Americans British
    French German Arab Arabs Arabic Alawite Alawites Druze Sunni Shia Shiite Christian
    Christians Muslim Muslims Islamist Islamists Palestinian Palestinians Egyptian Saudi Qatari
    Emirati Assad Jolani Julani Erdogan Erdoğan Putin Netanyahu Trump Biden Araghchi Khamenei
    Hezbollah Hamas Houthi Houthis Kremlin Pentagon Reuters AFP AP Xinhua SANA TASS IRNA
    Tasnim Interfax Sputnik WAFA Yonhap Kyodo Bernama Sana Sharaa Shara Eye""".split()
)
_STOPWORDS = frozenset(
    """The A An In On At For From To By With As Of And But Or If It Its This That These Those
    However Meanwhile Following According After Before During While When Where Since Until
    Although Despite Some Many Most Other Others Several All Both Each Their They He She We
    His Her Our Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Photo Video Read
    Also More Share Search Home Opinion Update Breaking Live Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Mr Mrs Western Eastern Northern Southern Central Among Amid
    Against Above Below Across Along Around Between Beyond Into Over Under Within Without Via
    Per Spring Summer Winter Autumn Fall Today Tomorrow Yesterday Now Then Here There Thus
    Yet Still Even Just Only Already Again Instead Indeed Further Furthermore Moreover Later
    Earlier Once Why How What Who Whom Which Whose Not No Yes Please Thank Thanks Watch Listen
    Sign Subscribe Contact About Privacy Terms Advertisement Sponsored Related Latest Top
    Week Month Year Day Days Weeks Months Years Hour Hours Minute Minutes Last Next First Second
    Third One Two Three Four Five Six Seven Eight Nine Ten Hundreds Thousands Dozens Officials
    Sources Reports Report Residents People Forces Troops Fighters Rebels Militants Government
    Army Regime Opposition God Allah Lord Prophet Mr Sir Madam Dear You Your I Me My None
    Follow Police Route Centre Center Olympic Olympics""".split()
)
#: "I've", "They're", "Don't": a capitalised contraction is never a place.
_CONTRACTION = re.compile(r"(?:['’](?:ve|re|ll|d|m)|n['’]t)$", re.IGNORECASE)
_PERSON_WORDS = frozenset(
    "Bashar Hafez Maher Abu Mohammad Mohammed Muhammad Ahmed Ahmad Ali Hassan Hussein Omar "
    "Abdul Abdel Sheikh Sheik Shaykh Imam Mullah".split()
)
#: A military operation's name is no place, whatever words it borrows.
_OPERATION = frozenset({"Operation", "Operations", "Op"})
#: Alone, a compass word is a direction ("North and East Syria"), not Cameroon's North region;
#: it may still open a name ("North Korea", "West Bank").
_COMPASS = frozenset("North South East West".split())
_NOT_PLACES = _STOPWORDS | _PERSON_WORDS | _DEMONYMS | _COMPASS
#: Two-word seats of power that speak for a government, as "Kremlin" does (and "White House"
#: is an old English name of Casablanca).
_INSTITUTIONS = frozenset(
    {("White", "House"), ("Oval", "Office"), ("Elysee", "Palace")}
    # broadcasters and papers named like places: "Al Mayadeen" is a TV channel here
    | {
        (article, name)
        for article in ("Al", "El")
        for name in (
            "Mayadeen Jazeera Arabiya Watan Akhbar Manar Hadath Monitor Ikhbariya Sharq Quds "
            "Ahram Khaleej Mayadin".split()
        )
    }
)
_CAPITAL_ARTICLES = frozenset(
    {"Al", "El", "Ad", "Ar", "As", "Ash", "At", "Az", "An", "Ed", "Es", "Et", "Ez"}
)
#: Words that may stand before a place inside a capitalised run ("Northern Syria").
_ADJECTIVES = frozenset(
    """Northern Southern Eastern Western Central North South East West Upper Lower Greater Old
    Rural""".split()
)
_MAY_PRECEDE = _ADJECTIVES | _STOPWORDS
#: Words that open some aliases ("Syrian Golan") and also stand before longer names.
_MAY_PRECEDE_NAMES = _ADJECTIVES | _DEMONYMS
_MAX_RUN = 7
#: "Deir Hafar" for Dayr Hafir, "Maarat al-Nuaman": a name of two or more words opening with an
#: Arabic generic (monastery, hill, village, spring ...; not Sheikh, Umm or Abu, which open
#: persons' names) that no spelling rule folds to a known
#: name is looked up approximately, among the places of Syria and its neighbours only, where
#: transliterations differ in their vowels.  Anywhere else a capitalised phrase is too often
#: some approximate match of some place ("Tal Bireh" of Tabira, Brazil).
_ARABIC_GENERIC = re.compile(
    r"(?:(?:al|el|as|ad|ar|at|ash|az)[-‐ ])?(?:Deir|Dayr|Dair|Tal|Tall|Tell|Tel|Kafr|Kfar|Kafar|"
    r"Ain|Ayn|Ein|Ras|Jisr|Khan|Maarat|Ma'arat|Beit|Bayt|Bab|Jabal|Jebel|Jabel|Wadi|Qasr|"
    r"Qalaat|Qal'at|Marj|Hawsh|Hosh|Mazraat|Madinat|Bir|Khirbet|Khirbat)"
    r"\s+\S",
)
_VOWEL_VARIANT_SCORE = 0.78  # "Kfar Nabl" for Kafr Nabl scores 0.787
_WHOLE: AbstractSet[tuple[int, int]] = frozenset({(0, 1)})  # the one word of a one-word run
_NO_SPANS: AbstractSet[tuple[int, int]] = frozenset()
_SETTLEMENTS = frozenset({"city", "town", "village", "place"})
_MAJOR_KINDS = frozenset({"country", "admin1", "continent"})
#: Kinds a word used as a person's name in the article still names ("Jordan", "Africa");
#: any other place ("Flores", an island and a surname) is the person there.
_NAMED_ONLY_AS_PLACES = frozenset({"country", "continent"})
#: A city at least this large is its government when it "said" something: every capital of
#: the region (Doha: 345,000) and the big cities that speak in the news, not "Moore said".
_METONYM_POPULATION = 300_000
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n(]\s*)$")
#: News-style (AP) abbreviations of US states, written after a town: "Gainesville, Ga."
_US_STATE_ABBREVIATIONS = {
    f"{abbr}.": state
    for abbr, state in (
        ("Ala", "Alabama"),
        ("Ariz", "Arizona"),
        ("Ark", "Arkansas"),
        ("Calif", "California"),
        ("Colo", "Colorado"),
        ("Conn", "Connecticut"),
        ("Del", "Delaware"),
        ("Fla", "Florida"),
        ("Ga", "Georgia"),
        ("Ill", "Illinois"),
        ("Ind", "Indiana"),
        ("Kan", "Kansas"),
        ("Ky", "Kentucky"),
        ("La", "Louisiana"),
        ("Md", "Maryland"),
        ("Mass", "Massachusetts"),
        ("Mich", "Michigan"),
        ("Minn", "Minnesota"),
        ("Miss", "Mississippi"),
        ("Mo", "Missouri"),
        ("Mont", "Montana"),
        ("Neb", "Nebraska"),
        ("Nev", "Nevada"),
        ("N.H", "New Hampshire"),
        ("N.J", "New Jersey"),
        ("N.M", "New Mexico"),
        ("N.Y", "New York"),
        ("N.C", "North Carolina"),
        ("N.D", "North Dakota"),
        ("Okla", "Oklahoma"),
        ("Ore", "Oregon"),
        ("Pa", "Pennsylvania"),
        ("R.I", "Rhode Island"),
        ("S.C", "South Carolina"),
        ("S.D", "South Dakota"),
        ("Tenn", "Tennessee"),
        ("Tex", "Texas"),
        ("Vt", "Vermont"),
        ("Va", "Virginia"),
        ("Wash", "Washington"),
        ("W.Va", "West Virginia"),
        ("Wis", "Wisconsin"),
        ("Wyo", "Wyoming"),
    )
}
_CONTAINER = re.compile(
    r"(?:,\s{1,3}|\s+in\s+(?:northern\s+|southern\s+|eastern\s+|western\s+)?(?=[A-Z]))(?:("
    + "|".join(re.escape(a) for a in sorted(_US_STATE_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)|(?=[A-Z]))"
)


class _Token(NamedTuple):
    # A named tuple rather than a frozen dataclass: the scanner makes one per capitalised
    # word of every article, and a tuple is several times cheaper to build.
    text: str
    start: int
    end: int


_POSSESSIVE_ENDINGS = ("'s", "’s")


def _tokens(text: str, pos: int, endpos: int) -> Iterator[_Token]:
    """The words of ``text[pos:endpos]``, with offsets into ``text`` (matched in place, not on
    a slice: ``_TOKEN`` has no anchors, so the bounds act as the ends of the string)."""
    for match in _TOKEN.finditer(text, pos, endpos):
        word, start = match.group(), match.start()
        if word.endswith(_POSSESSIVE_ENDINGS):
            word = word[:-2]
        head, sep, tail = word.partition("-")
        # "US-led", "Iran-backed", "Turkey-affiliated": the place is the head
        if sep and tail[:1].islower() and not _ARTICLE_PREFIX.match(word) and head[:1].isupper():
            word = head
        yield _Token(word, start, start + len(word))


_UPPER = "".join(
    ch for ch in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper()
)
_GLUED_ARTICLES = "al|el|as|es|ash|esh|ad|ed|ar|er|an|en|at|et|az|ez|ath|adh"
_WORD = (
    rf"(?:(?:[A-Z]\.){{2,}}|(?:(?:{_GLUED_ARTICLES})[-‐])?"
    rf"[{_UPPER}\u0600-\u06ff][\w’'ʿʾ‘\-]*)"
)
#: Stretches of text that can hold a run: capitalised words, connectors between them.  Only
#: these are tokenised — most of an article is lower-case prose the scanner can skip.
_ZONE = re.compile(
    rf"{_WORD}(?:[ \t]+(?:(?:{'|'.join(sorted(_CONNECTORS))})[ \t]+){{0,2}}{_WORD})*"
)
#: Where a zone can start: a capital (or Arabic) letter, or a glued article before one.
_ZONE_CAPITAL = re.compile(rf"[{_UPPER}\u0600-\u06ff]")
_ZONE_ARTICLE = re.compile(rf"(?:{_GLUED_ARTICLES})[-‐][{_UPPER}\u0600-\u06ff]")


def _zones(text: str) -> Iterator[re.Match[str]]:
    """``_ZONE.finditer(text)``, found twice as fast.  The engine tries ``_ZONE`` at every
    position of the text (its first word may begin with a capital or with "al-", so it has no
    single leading character set to skip to); the two start patterns each have one, and a zone
    can only begin where one of them matches."""
    capital, article = _ZONE_CAPITAL.search(text), _ZONE_ARTICLE.search(text)
    while capital or article:
        if article is None or (capital is not None and capital.start() <= article.start()):
            start = capital.start() if capital else 0
        else:
            start = article.start()
        zone = _ZONE.match(text, start)
        if zone is None:  # not reached: every start found begins a zone
            end = start + 1
        else:
            yield zone
            end = zone.end()
        if capital is not None and capital.start() < end:
            capital = _ZONE_CAPITAL.search(text, end)
        if article is not None and article.start() < end:
            article = _ZONE_ARTICLE.search(text, end)


def _word_character(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\\w`` matches


def _whole_word(text: str, word: str) -> bool:
    """Whether ``word`` (two or more of a-z) occurs in ``text`` with no word character on
    either side."""
    if len(word) < 2 or not (word.isascii() and word.isalpha() and word.islower()):
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_character(text[at - 1])) and (
            end == len(text) or not _word_character(text[end])
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _in_arabic_script(token: str) -> bool:
    return "\u0600" <= token[:1] <= "\u06ff"


#: Common Arabic words that are also the names of some hamlet somewhere.
_ARABIC_FUNCTION_WORDS = frozenset(
    "في من إلى الى على عن مع بعد قبل عند حتى منذ بين ضد حول خلال نحو و أو ثم قد لا ما هذا هذه "
    "ذلك التي الذي الذين كان كانت قال قالت إن أن لن لم كما حيث أيضا إذا لكن هو هي هم نحن "
    "كل عام يوم".split()
)


def _capitalised(token: str) -> bool:
    if token[:1].isupper():
        return True
    if _ARTICLE_PREFIX.match(token):
        rest = _ARTICLE_PREFIX.sub("", token)
        return rest[:1].isupper()
    return _in_arabic_script(token)


def _runs(tokens: list[_Token], text: str) -> Iterator[list[_Token]]:
    """Maximal runs of capitalised tokens (connectors allowed inside) not split by punctuation
    or a line break."""
    run: list[_Token] = []
    pending: list[_Token] = []
    last_end: int | None = None
    for token in tokens:
        gap = text[last_end : token.start] if last_end is not None else ""
        if run and gap.strip(" \t-‐"):
            yield run
            run, pending = [], []
        if _capitalised(token.text):
            run += pending
            pending = []
            run.append(token)
        elif run and token.text.lower() in _CONNECTORS and len(pending) < 2:
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = [], []
        last_end = token.end
    if run:
        yield run


class _Scanner:
    def __init__(self, gazetteer: Gazetteer, text: str) -> None:
        self.gazetteer = gazetteer
        self.text = text
        self._lowercase: dict[str, bool] = {}
        self.cache: dict[str, list[Candidate]] = {}
        #: Single words seen used as a person's name ("Jacob Zuma", "Mr. Moore", "Moore
        #: said"): one sense per document, so a bare "Zuma" elsewhere is the person too.
        self.persons: set[str] = set()

    def used_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes ``word`` in lower case (a common word, then): as a
        whole word of a-z letters, what ``\\b[a-z][a-z]+\\b`` finds.  Searched for the few
        words asked about rather than by listing every lower-case word of the article."""
        lowered = word.lower()
        known = self._lowercase.get(lowered)
        if known is None:
            known = self._lowercase[lowered] = _whole_word(self.text, lowered)
        return known

    def lookup(self, name: str) -> list[Candidate]:
        found = self.cache.get(name)
        if found is None:
            found = []
            # A name may span a tab or a line break of the text; the gazetteer refuses those.
            query = " ".join(name.split())
            try:
                if self.gazetteer.knows(query) or _QUALIFIER_WORDS.search(name):
                    found = self.gazetteer.search(query, limit=8, approximate=False)
                elif _ARABIC_GENERIC.match(name):
                    found = [
                        c
                        for c in self.gazetteer.search(query, limit=8)
                        if c.score >= _VOWEL_VARIANT_SCORE and region_rank(c.place.country) < 2
                    ]
            except ValueError:
                found = []
            if found and _ANY_ARTICLE.match(name):
                # "Al-Rai" with its Arabic article is al-Ra'i in Syria before Praia (Cape Verde)
                found = sorted(found, key=lambda c: region_rank(c.place.country) == 2)
            self.cache[name] = found
        return found

    def framed(self, run: list[_Token], i: int, j: int) -> bool:
        """Whether the words around run[i:j] and at its edges let it be a place mention, by
        the rules that do not depend on which place it names.  Checked before the lookup: in
        a run of several words they rule out most sub-runs ("Manbij Military" inside
        "Manbij Military Council"), which then cost no fold and no gazetteer read."""
        first, last = run[i].text, run[j - 1].text
        # a headline in capitals ("FALL OF ASSAD") names no place its title case does not
        if j - i == 1 and (
            first in _NOT_PLACES
            or (first.isupper() and first.capitalize() in _NOT_PLACES)
            or _CONTRACTION.search(first)
            or ("-" in first[:4] and _ANY_ARTICLE.sub("", first).capitalize() in _NOT_PLACES)
        ):
            return False
        # "Deir ez Zor" may not start at "ez"; "Al Kiswah", "Al Qaim" may start at a capital Al
        if last.lower() in _CONNECTORS or (
            first.lower() in _CONNECTORS and not (first in _CAPITAL_ARTICLES and j - i >= 2)
        ):
            return False
        if run[0].text in _OPERATION and (i > 0 or j - i > 1 or len(run) > 1):
            return False  # "Operation Dawn of Freedom", "Operation Euphrates Shield"
        if j - i == 2 and (first, last) in _INSTITUTIONS:
            return False
        if _in_arabic_script(first):
            # Arabic script has no capitals: every word joins the run, so the word-around
            # rules (made for capitalised English names) would refuse "على حماة"
            return not (j - i == 1 and (first in _ARABIC_FUNCTION_WORDS or len(first) < 3))
        if j < len(run) and run[j].text not in _PLACE_WORDS:
            return False  # "Manbij Military Council", "Israel Katz", "Deir Hafar" (unknown)
        if first in _STOPWORDS:
            return False  # "The Tishreen Dam": the mention starts after "The"
        preceding = run[i - 1].text if i > 0 else None
        if preceding is not None and preceding.lower() == "of":
            preceding = None  # "Residents of Homs", "the Governor of Idlib": the place is named
        if preceding is not None and preceding not in _MAY_PRECEDE:
            if j - i == 1 and j == len(run) and first[1:].islower() and self._given(run, i):
                self.persons.add(first)  # "Jacob Zuma" in mid-sentence, "President Obama"
            return False  # "Bashar al-Assad", "Hayat Tahrir al-Sham", "OMAR HAJ KADOUR"
        return True

    def _given(self, run: list[_Token], i: int) -> bool:
        """Whether the word before run[i] is a title or a given name (so run[i] a surname)."""
        given = run[i - 1]
        if _TITLE_BEFORE.search(self.text, max(0, given.start - 30), run[i].start):
            return True
        return (
            len(run) == 2
            and given.text[:1].isupper()
            and given.text[1:].islower()
            and given.text not in _PLACE_WORDS
            and not _SENTENCE_START.search(self.text, max(0, given.start - 3), given.start)
        )

    def plausible(self, run: list[_Token], i: int, j: int, best: Candidate) -> bool:
        """Whether run[i:j], which names a place and is :meth:`framed` as one, is used as a
        place here."""
        words = [t.text for t in run[i:j]]
        if len(words) == 1:
            word = words[0]
            # A common word capitalised at the start of a sentence ("Heavy fighting").
            if word[1:].islower() and len(run) == 1 and self.used_in_lower_case(word):
                return False
            # A common word at the start of a sentence ("Back in 2016", "Hope is fading"),
            # though the article never writes it in lower case, unless a country, region or
            # city of a million names it ("China", "Berlin").
            if (
                word[1:].islower()
                and word.lower() in self.gazetteer.common_words
                and not (
                    word.lower() == best.place.name.lower()
                    and (best.place.kind in _MAJOR_KINDS or best.place.population >= 1_000_000)
                )
                and _SENTENCE_START.search(self.text, max(0, run[i].start - 3), run[i].start)
            ):
                return False
        shouting = all(w.isupper() for w in words)
        if shouting and len("".join(words)) <= 3 and best.place.kind != "country":
            return False  # acronyms: SNA, HTS, AM
        if i == 0 and _TITLE_BEFORE.search(self.text[max(0, run[i].start - 30) : run[i].start]):
            self._person(words, best)
            return False
        if (
            len(run) == 1
            and best.place.kind not in _MAJOR_KINDS
            and (_SPEAKS.match(self.text, run[-1].end))
            # "Moscow said", "Ankara said": a city of this size speaking is its government
            and not (best.place.population >= _METONYM_POPULATION and best.matched == words[0])
        ):
            self._person(words, best)
            return False  # "Moore said": a surname that is also a town
        return True

    def _longer_after(
        self, run: list[_Token], i: int, j: int
    ) -> tuple[int, int, int, list[Candidate]] | None:
        """A place that starts one word later than run[i:j] and ends after it, if any."""
        rest = run[i + 1 :]  # framed as if the modifier were not there
        for k in range(min(len(run), i + 1 + _MAX_RUN), j, -1):
            if not self.framed(rest, 0, k - i - 1):
                continue
            start, end = run[i + 1].start, run[k - 1].end
            candidates = self.lookup(self.text[start:end])
            if candidates and self.plausible(rest, 0, k - i - 1, candidates[0]):
                return k, start, end, candidates
        return None

    def _person(self, words: list[str], best: Candidate) -> None:
        if len(words) == 1 and best.place.kind in _SETTLEMENTS and words[0][1:].islower():
            self.persons.add(words[0])

    def _zone_runs(self) -> Iterator[list[_Token]]:
        text = self.text
        for zone in _zones(text):
            word = zone.group()
            if word.isalpha():
                # Most zones are one word of letters: it is its own token (no dot, hyphen or
                # apostrophe to split at) and, starting with a capital or an Arabic letter,
                # its own run.
                yield [_Token(word, zone.start(), zone.end())]
            else:
                yield from _runs(list(_tokens(text, zone.start(), zone.end())), text)

    def _framed_spans(self, run: list[_Token]) -> AbstractSet[tuple[int, int]]:
        """The (i, j) of every sub-run of up to ``_MAX_RUN`` words that is :meth:`framed`:
        worked out once, for both the batch read and the scan."""
        if len(run) == 1:  # most runs: one capitalised word
            return _WHOLE if self.framed(run, 0, 1) else _NO_SPANS
        return {
            (i, j)
            for i in range(len(run))
            for j in range(i + 1, min(len(run), i + _MAX_RUN) + 1)
            if self.framed(run, i, j)
        }

    def _surfaces(
        self,
        runs: list[tuple[list[_Token], re.Match[str] | None]],
        spans: list[AbstractSet[tuple[int, int]]],
    ) -> Iterator[str]:
        """Every name ``scan`` may look up: each run's framed sub-runs and the run with its
        lower-case feature word."""
        text = self.text
        for (run, feature), framed in zip(runs, spans, strict=True):
            if feature:
                yield text[run[0].start : feature.end()]
            for i, j in framed:
                yield text[run[i].start : run[j - 1].end]

    def scan(self) -> list[tuple[int, int, list[Candidate]]]:
        # "the Masnaa crossing", "Shayrat airbase": a name whose feature word is written in
        # lower case is looked up with it.
        runs = [
            (run[:50], _FEATURE_AFTER.match(self.text, run[:50][-1].end))
            for run in self._zone_runs()
        ]
        spans = [self._framed_spans(run) for run, _ in runs]
        # One batch of gazetteer reads for the whole document rather than one per name tried.
        self.gazetteer.prefetch(self._surfaces(runs, spans))
        found = []
        for (run, feature), framed in zip(runs, spans, strict=True):
            if feature:
                start, end = run[0].start, feature.end()
                surface = self.text[start:end]
                candidates = self.lookup(surface)
                if candidates and candidates[0].place.kind not in {"city", "town", "village"}:
                    found.append((start, end, candidates))
                    continue
            i = 0
            while i < len(run):
                for j in range(min(len(run), i + _MAX_RUN), i, -1):
                    if (i, j) not in framed:
                        continue
                    start, end = run[i].start, run[j - 1].end
                    surface = self.text[start:end]
                    candidates = self.lookup(surface)
                    if candidates and self.plausible(run, i, j, candidates[0]):
                        if run[i].text in _MAY_PRECEDE_NAMES:
                            # "Syrian Golan Heights": "Golan Heights" reaches further than
                            # "Syrian Golan" (an alias) and wins
                            longer = self._longer_after(run, i, j)
                            if longer is not None:
                                j, start, end, candidates = longer
                        found.append((start, end, candidates))
                        i = j
                        break
                else:
                    i += 1
        return [
            hit
            for hit in found
            if self.text[hit[0] : hit[1]] not in self.persons
            or hit[2][0].place.kind in _NAMED_ONLY_AS_PLACES
        ]


def _admin_form(text: str, start: int, end: int) -> str | None:
    """'Hama province' / 'rural Hama' / 'the Aleppo countryside': the phrase to resolve."""
    after = _ADMIN_AFTER.match(text[end : end + 20])
    if after:
        return f"{text[start:end]} {after.group(1)}"
    before = _ADMIN_BEFORE.search(text[max(0, start - 20) : start])
    if before:
        word = before.group(1).lower()
        if word.startswith("province"):
            return f"{text[start:end]} province"  # "the province of Hatay"
        return f"{before.group(1)} {text[start:end]}"
    if _ADMIN_PAIR_AFTER.match(text, end, end + 50) or _ADMIN_PAIR_BEFORE.search(
        text, max(0, start - 50), start
    ):
        return f"{text[start:end]} province"
    return None


def find_places(text: str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text``, in order, resolved with the document as context.

    >>> [(m.surface, m.place.country) for m in find_places("Rebels entered Hama, Syria's "
    ...  "fourth city, as Iranian staff flew from Damascus to Tehran.")]
    [('Hama', 'SY'), ('Syria', 'SY'), ('Damascus', 'SY'), ('Tehran', 'IR')]
    """
    # "is None", not "or": a gazetteer's truth is its length, a count(*) query per article.
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
    scanner = _Scanner(gazetteer, text)
    hits = scanner.scan()
    # Document context from readings that are not in doubt.
    countries: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    for _, _, candidates in hits:
        best = candidates[0].place
        if not _tied(candidates):
            countries[best.country or ""] += 1
            if best.kind != "country":
                points.append((best.lat, best.lon))
    centre = (
        (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        if points
        else None
    )
    # A document about one country (local news) pulls its names home: "Paris" in an article
    # full of Texas towns is Paris, Texas.  Syria's own focus is the gazetteer's default.
    named = sum(countries.values())
    dominant, count = countries.most_common(1)[0] if countries else ("", 0)
    home = dominant if dominant and count >= 3 and count >= 0.5 * named else None
    mentions = []
    for start, end, candidates in hits:
        choice = candidates[0]
        local = [
            c
            for c in candidates
            if home
            and c.score == choice.score
            and c.place.country == home
            and choice.place.country != home
            and (
                choice.place.kind not in _AREAS
                # "Georgia" in an article full of Atlanta suburbs is the state
                or (choice.place.kind == "country" and c.place.kind == "admin1")
            )
        ]
        if local:
            choice = local[0]
        elif _tied(candidates):
            choice = min(
                (c for c in candidates if c.score == candidates[0].score),
                key=lambda c: (
                    -countries.get(c.place.country or "", 0),
                    haversine_km(c.place.lat, c.place.lon, *centre) if centre else 0.0,
                ),
            )
        phrase = _admin_form(text, start, end)
        if phrase and choice.place.kind not in {"admin1", "country"}:
            admin = scanner.lookup(phrase)
            if admin and admin[0].place.kind == "admin1":
                choice = admin[0]
        confidence = choice.score * (0.8 if _tied(candidates) else 1.0)
        mentions.append(Mention(text[start:end], start, end, choice.place, confidence))
    return _within_containers(text, mentions, hits, gazetteer)


def _within_containers(
    text: str,
    mentions: list[Mention],
    hits: list[tuple[int, int, list[Candidate]]],
    gazetteer: Gazetteer,
) -> list[Mention]:
    """A name followed by a comma and a subdivision or country ("Dublin, Ohio", "Tal Abyad,
    Raqqa", "Gainesville, Ga.") is the place of that name inside it, when there is one.  US
    states abbreviated in news style ("Ga.", "W.Va.") count as containers only there."""
    out = list(mentions)
    by_start = {m.start: k for k, m in enumerate(out)}
    hit_at = {h[0]: h for h in hits}
    for k, (start, end, candidates) in enumerate(hits):
        after = _CONTAINER.match(text, end)
        if not after:
            continue
        containers: list[Place] = []
        abbreviation = _US_STATE_ABBREVIATIONS.get(after.group(1) or "")
        if abbreviation:
            state = _us_state(gazetteer, abbreviation)
            if state is None:
                continue
            at = after.start(1)
            mention = Mention(text[at : after.end(1)], at, after.end(1), state, 0.9)
            if at in by_start:
                out[by_start[at]] = mention
            else:
                by_start[at] = len(out)
                out.append(mention)
            containers = [state]
        elif after.end() in by_start and after.end() in hit_at:
            chosen = out[by_start[after.end()]].place
            containers = [chosen] + [c.place for c in hit_at[after.end()][2] if c.place != chosen]
        for container in containers:
            if container.kind not in {"admin1", "country"}:
                continue
            if _inside(out[k].place, container):
                break
            inside = [c for c in candidates if _inside(c.place, container)]
            if inside:
                out[k] = Mention(out[k].surface, start, end, inside[0].place, out[k].confidence)
                if not abbreviation:  # the container reading that fits is the one meant
                    j = by_start[after.end()]
                    out[j] = Mention(
                        out[j].surface, out[j].start, out[j].end, container, out[j].confidence
                    )
                break
    for k, mention in enumerate(out):  # "CHARLESTON, W.Va.": the town itself was not read
        state_name = _US_STATE_ABBREVIATIONS.get(text[mention.start : mention.end + 1])
        if state_name and text[max(0, mention.start - 3) : mention.start].lstrip().startswith(","):
            state = _us_state(gazetteer, state_name)
            if state is None:
                continue
            end = mention.end + 1
            out[k] = Mention(text[mention.start : end], mention.start, end, state, 0.9)
    kept: list[Mention] = []
    for mention in sorted(out, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:  # "W.Va." read once, not also "Va"
            kept.append(mention)
    return kept


def _us_state(gazetteer: Gazetteer, name: str) -> Place | None:
    try:
        return gazetteer.resolve(name, country="US")
    except LookupError:
        return None


def _inside(place: Place, container: Place) -> bool:
    return place.id != container.id and place.lies_in(container)


_AREAS = frozenset({"country", "continent", "admin1", "region"})


def _tied(candidates: list[Candidate]) -> bool:
    """Two best readings equally good by name and comparable in size, in different countries,
    one of them in Syria or a neighbour (Tripoli LB/LY), so the document must decide.
    Baghdad against a hamlet is no tie, nor is Geneva CH against Geneva US."""
    first = candidates[0].place
    if first.kind in {"country", "admin1"}:
        return False
    rivals = [
        c.place
        for c in candidates[1:]
        if c.score == candidates[0].score
        and c.place.country != first.country
        and c.place.population >= 0.1 * first.population
    ]
    return bool(rivals) and any(region_rank(p.country) <= 1 for p in (first, *rivals))
