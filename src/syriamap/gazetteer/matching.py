"""Match tiers: which places a name can mean, and how well it matches each.

In order; the first tier that yields a candidate wins:

========  =====  ==================================================================
tier      score  rule
========  =====  ==================================================================
exact     1.00   the name equals an alias, ignoring case
folded    0.95   equal :func:`~syriamap.gazetteer.names.fold` keys (spelling conventions)
bridge    0.90   a Syrian place with a name of equal
                 :func:`~syriamap.gazetteer.bridge.bridge_key` that
                 :func:`~syriamap.gazetteer.bridge.confirms` it (one Arabic name
                 underneath: Cisr eş-Şugur, Ufaniyah); when the place has a Latin
                 name with the key, a Latin name must confirm, else its Arabic one
variant   ≤0.90  same consonant skeleton, scored ``0.90 × ratio`` (rapidfuzz) of keys
fuzzy     ≤0.85  same first letter, scored ``0.85 × ratio`` (typos)
========  =====  ==================================================================

Approximate candidates below :data:`MIN_SCORE` (0.75) are refused: ``resolve`` raises
:class:`~syriamap.errors.PlaceNotFound` rather than guess.  Generic words around a name ("the
city of", "… town", "… district") are dropped when the whole phrase matches nothing.  The
order among the candidates is :mod:`syriamap.gazetteer.ranking`'s job.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz, process

from .bridge import bridge_key, confirms
from .layer import OverlayLayer
from .names import ARTICLES, fold, is_arabic, skeleton

__all__ = ["MIN_SCORE", "Match", "Matcher"]

#: Approximate matches scoring below this are refused rather than guessed.
MIN_SCORE = 0.75
EXACT_SCORE, FOLDED_SCORE, BRIDGE_SCORE = 1.0, 0.95, 0.90
VARIANT_WEIGHT, FUZZY_WEIGHT = 0.90, 0.85
_MAX_CACHED_KEYS = 50_000
_WORDS = re.compile(r"[^a-z]+")
_QUALIFIED = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|port|governorate|province|region|district|area)"
    r"\s+of\s+)?(?:the\s+)?(?:(?:مدينة|بلدة|قرية|ميناء|منطقة|مخيم)\s+)?(?P<name>.+?)"
    r"(?:\s+(?:city|town|village|district|subdistrict|area|municipality|neighbourhood|"
    r"neighborhood|camp))?$",
    re.IGNORECASE,
)

#: A candidate: the place's index, the alias it matched through, the score.
Match = tuple[int, str, float]


class Matcher:
    """The tiers over one layer, with a bounded cache of the (costly) approximate tiers."""

    def __init__(self, layer: OverlayLayer) -> None:
        self._layer = layer
        self._approximations: dict[str, list[Match]] = {}

    def candidates(
        self, name: str, *, approximate: bool = True, bridge: bool = False
    ) -> tuple[list[Match], bool]:
        """Candidates of the best tier, and whether they are fold-equal or bridged (hence
        already in the stored default order).  Generic words ("the city of", "مدينة") are
        dropped only when the whole phrase has no fold-equal match, and before any
        approximate matching.  The bridge tier runs when ``approximate`` or ``bridge``."""
        matches = self.folded(name)
        if matches:
            return matches, True
        qualified = _QUALIFIED.match(name)
        bare = qualified.group("name").strip() if qualified else name
        if bare != name:
            matches = self.folded(bare)
            if matches:
                return matches, True
        if approximate or bridge:
            for text in dict.fromkeys((name, bare)):
                matches = self.bridged(text)
                if matches:
                    return matches, True
        best: list[Match] = []
        for text in dict.fromkeys((name, bare) if approximate else ()):
            key = fold(text)
            found = [m for m in self._approximate(key) if m[2] >= MIN_SCORE] if key else []
            if found and max(m[2] for m in found) > max((m[2] for m in best), default=0):
                best = found
        return best, False

    def folded(self, name: str) -> list[Match]:
        """Fold-equal candidates (exact 1.0 or folded 0.95), in the stored default order."""
        key = fold(name)
        if not key:
            return []
        lowered = name.casefold()
        matches = []
        for idx, aliases in self._layer.entries(key):
            exact = next((a for a in aliases if a.casefold() == lowered), None)
            if exact is not None:
                matches.append((idx, exact, EXACT_SCORE))
            else:
                matches.append((idx, aliases[0], FOLDED_SCORE))
        return matches

    def bridged(self, name: str) -> list[Match]:
        """Syrian places one of whose names shares ``name``'s bridge key and confirms it, in
        the stored default order.  Places a Latin name confirms come first and alone: two
        romanisations compare vowels, the Arabic script writes only long ones.  Only when no
        Latin name confirms does a place's Arabic name judge, since romanisations may differ
        in the short vowels Arabic leaves unwritten (Al-Kashkiya, Kishkiyeh: الكشكية)."""
        key = bridge_key(name)
        if len(key) < 2 or self._english(name):
            return []
        latin: list[Match] = []
        arabic: list[Match] = []
        for idx, aliases in self._layer.bridge_entries(key):
            alias = next((a for a in aliases if not is_arabic(a) and confirms(name, a)), None)
            if alias is not None:
                latin.append((idx, alias, BRIDGE_SCORE))
                continue
            alias = next((a for a in aliases if is_arabic(a) and confirms(name, a)), None)
            if alias is not None:
                arabic.append((idx, alias, BRIDGE_SCORE))
        return latin or arabic

    def _english(self, name: str) -> bool:
        """Whether every word of a Latin ``name`` but its Arabic articles is a frequent English
        word or name ("Heavy", "Peter Kelly", "Al-Qaeda"): no romanisation to bridge."""
        if is_arabic(name):
            return False
        words = [w for w in _WORDS.split(anyascii(name).lower()) if w and w not in ARTICLES]
        return bool(words) and all(self._is_english(w) for w in words)

    def _is_english(self, word: str) -> bool:
        # the list holds the forms frequent enough; a plural ("curfews") of one counts too
        return self._layer.is_english(word) or (
            word.endswith("s") and len(word) > 4 and self._layer.is_english(word[:-1])
        )

    def _approximate(self, key: str) -> list[Match]:
        cached = self._approximations.get(key)
        if cached is None:
            cached = self._approximations[key] = self._approximate_uncached(key)
            if len(self._approximations) > _MAX_CACHED_KEYS:
                self._approximations.clear()
        return cached

    def _approximate_uncached(self, key: str) -> list[Match]:
        found: dict[int, Match] = {}
        cutoff = 100 * MIN_SCORE / VARIANT_WEIGHT
        for other in self._layer.skeleton_keys(skeleton(key)):
            ratio = fuzz.ratio(key, other, score_cutoff=cutoff)
            if ratio:
                self._collect(found, other, round(VARIANT_WEIGHT * ratio / 100, 3))
        if not found and len(key) >= 5:
            # The fuzzy tier scans stored keys only; overlay names match up to the variant tier.
            cutoff = 100 * MIN_SCORE / FUZZY_WEIGHT
            for other, ratio, _ in process.extract(
                key,
                self._layer.store.keys_like(key),
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
                limit=5,
            ):
                self._collect(found, other, round(FUZZY_WEIGHT * ratio / 100, 3))
        return list(found.values())

    def _collect(self, found: dict[int, Match], key: str, score: float) -> None:
        for idx, aliases in self._layer.entries(key):
            if idx not in found or found[idx][2] < score:
                found[idx] = (idx, aliases[0], score)
