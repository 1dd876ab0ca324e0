"""Toponym recognition and resolution of syriamap on four public corpora, beside geotext.

What is measured, and why
-------------------------
``find_places`` was built for news about Syria; these corpora are general English news (GeoWebNews
``gwn``, LGL ``lgl``, TR-News ``trnews``, GeoVirus ``geovirus``; converted in
``/work/shared/eval/external/``, see its README.md).  They show how the recogniser does on text it
was not tuned on, and they let us set our figures beside published ones.  The issue that asked for
this benchmark set four targets (printed after the figures): recognition F1 at least 0.15 above
geotext's on every corpus, acc@161 >= 0.85, >= 2 MB/s and a speed ratio to geotext >= 1/15.

Scoring follows the EUPEG scorer (Wang & Hu 2019, ``Utils.calculateScores``), as transcribed in
``PUBLISHED.md`` beside the corpora, so that its published figures compare with ours:

* **gold** = the toponyms that have coordinates; on GeoWebNews, those flagged
  ``geocoding_gold`` (the GeoNames-linked ones: 2,399 here, 2,401 in EUPEG's gold file).  The other
  annotations are neither gold nor excluded from the predictions: a prediction on one is a
  false positive, as in EUPEG.
* **lenient** (EUPEG) match: each gold toponym, in text order, takes the first still-unmatched
  prediction whose span midpoint is < 10 characters from its own; surfaces are not compared.
  **strict** match: a prediction counts only if its start and end equal the gold's.
  Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their harmonic mean.
* **distance** metrics over the lenient matches only (so they depend on each system's own
  recognition), haversine on a 6371 km sphere as EUPEG: mean and median km, acc@161 = share of
  matches with error < 161 km, AUC = trapezoid rule over the ascending errors of
  ln(1 + km) / ln(20039), divided by n - 1 (0 best, 1 worst).  "same id" is the share of matches
  whose syriamap id is the gold's GeoNames id (not an EUPEG metric; n/a on GeoVirus, which has
  Wikipedia links instead); "<161 or id" counts a match as right when either holds, since the
  same place (a country, mostly) can have its point far from the gold's point.

The peer is ``geotext`` 0.4.0 (``GeoText(text).cities`` and ``.countries``; a regex over
capitalised words looked up in GeoNames' cities15000 and country names).  It returns names, not
offsets or coordinates, so its names are placed in the text here (untimed): each distinct name,
longest first, takes as many word-bounded occurrences as geotext returned, in text order,
skipping text already taken by a longer name.  Only its recognition is scored, and all of its
names are kept although EUPEG drops predictions without coordinates.

Speed is MB (10^6 bytes of UTF-8) of article text per second, timing only the ``find_places`` and
``GeoText`` calls.  *cold* = first pass over the corpus with a fresh ``Gazetteer`` (and cleared
folding caches) whose SQLite file is already open; *warm* = a second pass over the same texts.
geotext keeps no cache; its two passes show the noise.  Targets are judged on cold passes.

The published rows (GeoTxt, CLAVIN, Edinburgh Geoparser, CamCoder, StanfordNER) are copied from
PUBLISHED.md, not re-measured.  Article text is never printed or stored: ``--errors`` prints
syriamap's top false-positive, missed and >= 161 km surfaces per corpus, toponym surfaces only.

Run from the repository root (well under a minute on 2 cores)::

    python benchmarks/external.py [--corpus NAME] [--errors] [--json FILE] [--data DIR]

It prints figures only and asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from geotext import GeoText

from syriamap import Gazetteer, __version__
from syriamap.gazetteer import Place
from syriamap.gazetteer.names import clear_caches
from syriamap.places import find_places

DATA = Path("/work/shared/eval/external")
CORPORA = ("gwn", "lgl", "trnews", "geovirus")
MIDPOINT_CHARS = 10.0  # EUPEG: |midpoint(gold) - midpoint(prediction)| < 10
ACC_KM = 161.0
MAX_ERROR_KM = 20039.0  # EUPEG's AUC scale: half the Earth's circumference
EARTH_RADIUS_KM = 6371.0  # EUPEG's HaversineAlgorithm
TOP = 15
TARGETS = {"f1_over_geotext": 0.15, "acc161": 0.85, "mb_per_s": 2.0, "ratio_to_geotext": 1 / 15}

# Published EUPEG figures, copied from /work/shared/eval/external/PUBLISHED.md section 1 (Wang &
# Hu 2019, "Are We There Yet?", tables in github.com/geoai-lab/GeoAI2019Geoparser: Table 8
# GeoWebNews, Table 5 LGL, Table 7 TR-News, Table 1 GeoVirus).
# (precision, recall, f_score, mean km, median km, acc@161, AUC)
PUBLISHED: dict[str, dict[str, tuple[float, float, float, float, float, float, float]]] = {
    "gwn": {
        "GeoTxt": (0.771, 0.479, 0.591, 421.073, 0, 0.903, 0.086),
        "CLAVIN": (0.909, 0.394, 0.549, 210.905, 0, 0.937, 0.06),
        "Edinburgh": (0.819, 0.538, 0.65, 346.873, 0, 0.921, 0.071),
        "CamCoder": (0.895, 0.562, 0.691, 723.122, 0, 0.839, 0.15),
        "StanfordNER": (0.885, 0.635, 0.739, 818.282, 0, 0.698, 0.257),
    },
    "lgl": {
        "GeoTxt": (0.747, 0.503, 0.601, 1544.283, 0.044, 0.633, 0.312),
        "CLAVIN": (0.808, 0.444, 0.573, 1261.408, 0.012, 0.701, 0.262),
        "Edinburgh": (0.723, 0.383, 0.501, 611.06, 0.005, 0.819, 0.172),
        "CamCoder": (0.811, 0.548, 0.654, 837.126, 0.02, 0.717, 0.248),
        "StanfordNER": (0.744, 0.622, 0.677, 1485.954, 11.56, 0.59, 0.367),
    },
    "trnews": {
        "GeoTxt": (0.824, 0.596, 0.692, 1017.3, 0, 0.801, 0.168),
        "CLAVIN": (0.908, 0.505, 0.649, 955.49, 0, 0.829, 0.149),
        "Edinburgh": (0.709, 0.538, 0.612, 770.227, 0, 0.85, 0.127),
        "CamCoder": (0.897, 0.638, 0.746, 863.856, 0, 0.824, 0.161),
        "StanfordNER": (0.89, 0.731, 0.803, 1170.53, 0, 0.711, 0.261),
    },
    "geovirus": {
        "GeoTxt": (0.857, 0.726, 0.786, 487.874, 36.255, 0.787, 0.337),
        "CLAVIN": (0.913, 0.637, 0.750, 522.176, 35.503, 0.786, 0.320),
        "Edinburgh": (0.860, 0.559, 0.678, 435.799, 33.187, 0.807, 0.319),
        "CamCoder": (0.940, 0.802, 0.866, 619.397, 33.945, 0.770, 0.336),
        "StanfordNER": (0.927, 0.903, 0.915, 791.296, 48.676, 0.655, 0.378),
    },
}
PUBLISHED_KEYS = ("precision", "recall", "f1", "mean_km", "median_km", "acc161", "auc")

# --- corpora ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A gold toponym or a prediction; coordinates and id are None where the source has none."""

    start: int
    end: int
    surface: str
    lat: float | None = None
    lon: float | None = None
    id: str | None = None
    name: str | None = None  # of the place a prediction resolved to, for the error lists

    @property
    def midpoint(self) -> float:
        return (self.start + self.end) / 2.0


@dataclass
class Doc:
    text: str
    gold: list[Span]
    other: list[Span]  # annotations outside the gold set (no coordinates / not geocoding_gold)


def is_gold(corpus: str, toponym: dict[str, Any]) -> bool:
    """EUPEG's gold set: toponyms with coordinates; on GeoWebNews, the ``geocoding_gold`` ones."""
    if toponym.get("lat") is None or toponym.get("lon") is None:
        return False
    return bool(toponym.get("geocoding_gold", True)) if corpus == "gwn" else True


def load_corpus(path: Path, corpus: str) -> list[Doc]:
    docs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            gold, other = [], []
            for t in sorted(record["toponyms"], key=lambda t: (t["start"], t["end"])):
                gid = t.get("geonameid")
                span = Span(
                    t["start"],
                    t["end"],
                    t["surface"],
                    t.get("lat"),
                    t.get("lon"),
                    f"geonames:{gid}" if gid is not None else None,
                )
                (gold if is_gold(corpus, t) else other).append(span)
            docs.append(Doc(record["text"], gold, other))
    return docs


# --- matching and metrics -----------------------------------------------------------------


@dataclass
class Match:
    pairs: list[tuple[int, int]]  # (gold index, prediction index)
    missed: list[int]  # gold indexes
    spurious: list[int]  # prediction indexes


def eupeg_match(gold: Sequence[Span], preds: Sequence[Span]) -> Match:
    """Each gold toponym in order takes the first unmatched prediction with midpoint < 10 away."""
    free = list(range(len(preds)))
    pairs, missed = [], []
    for g, span in enumerate(gold):
        hit = next(
            (p for p in free if abs(span.midpoint - preds[p].midpoint) < MIDPOINT_CHARS), None
        )
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((g, hit))
    return Match(pairs, missed, free)


def strict_match(gold: Sequence[Span], preds: Sequence[Span]) -> Match:
    """A prediction matches a gold toponym only with the very same start and end."""
    where: dict[tuple[int, int], list[int]] = {}
    for p, span in enumerate(preds):
        where.setdefault((span.start, span.end), []).append(p)
    pairs, missed = [], []
    for g, span in enumerate(gold):
        free = where.get((span.start, span.end))
        if free:
            pairs.append((g, free.pop(0)))
        else:
            missed.append(g)
    used = {p for _, p in pairs}
    return Match(pairs, missed, [p for p in range(len(preds)) if p not in used])


@dataclass
class Recognition:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, match: Match) -> None:
        self.tp += len(match.pairs)
        self.fp += len(match.spurious)
        self.fn += len(match.missed)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else math.nan

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if self.tp else 0.0

    def to_dict(self) -> dict[str, float]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """EUPEG's great-circle distance (radius 6371 km)."""
    dp, dl = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.sin(dl / 2) ** 2 * math.cos(math.radians(lat1)) * math.cos(
        math.radians(lat2)
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_metrics(errors: Sequence[float]) -> dict[str, float]:
    """EUPEG's mean, median, acc@161 and AUC over the errors (km) of matched toponyms."""
    n = len(errors)
    if not n:
        return {
            "n": 0,
            "mean_km": math.nan,
            "median_km": math.nan,
            "acc161": math.nan,
            "auc": math.nan,
        }
    ordered = sorted(errors)
    scaled = [math.log(1 + e) / math.log(MAX_ERROR_KM) for e in ordered]
    auc = (sum(scaled) - 0.5 * (scaled[0] + scaled[-1])) / (n - 1) if n > 1 else 0.0
    return {
        "n": n,
        "mean_km": statistics.fmean(ordered),
        "median_km": statistics.median(ordered),
        "acc161": sum(e < ACC_KM for e in ordered) / n,
        "auc": auc,
    }


# --- systems ------------------------------------------------------------------------------

Run = tuple[list[list[Span]], float]  # predictions per document, seconds spent in the calls


def run_syriamap(texts: Sequence[str], gazetteer: Gazetteer) -> Run:
    preds, seconds = [], 0.0
    gc.collect()
    for text in texts:
        start = time.perf_counter()
        mentions = find_places(text, gazetteer=gazetteer)
        seconds += time.perf_counter() - start
        preds.append(
            [
                Span(
                    m.start, m.end, m.surface, m.place.lat, m.place.lon, m.place.id, label(m.place)
                )
                for m in mentions
            ]
        )
    return preds, seconds


def label(place: Place) -> str:
    return f"{place.name} ({place.country or '-'})"


def locate(text: str, names: Sequence[str]) -> list[Span]:
    """Offsets for geotext's names: per distinct name (longest first), as many word-bounded
    occurrences as it was returned, in text order, not inside text a longer name took.  A name
    found nowhere word-bounded falls back to any occurrence; one found nowhere at all is kept as
    a span that matches nothing (start = end = -1000)."""
    taken: list[tuple[int, int]] = []
    spans = []
    for name, count in sorted(Counter(names).items(), key=lambda kv: (-len(kv[0]), kv[0])):
        found = 0
        for pattern in (rf"(?<!\w){re.escape(name)}(?!\w)", re.escape(name)):
            for m in re.finditer(pattern, text):
                if found == count:
                    break
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                spans.append(Span(m.start(), m.end(), name))
                found += 1
            if found == count:
                break
        spans += [Span(-1000, -1000, name)] * (count - found)
    return sorted(spans, key=lambda s: (s.start, s.end))


def run_geotext(texts: Sequence[str]) -> tuple[Run, int]:
    """geotext's names placed in the text, the seconds spent in ``GeoText``, and the number of
    names that could not be placed at all."""
    names, seconds = [], 0.0
    gc.collect()
    for text in texts:
        start = time.perf_counter()
        found = GeoText(text)
        seconds += time.perf_counter() - start
        names.append([*found.cities, *found.countries])
    preds = [locate(text, n) for text, n in zip(texts, names, strict=True)]
    lost = sum(s.start < 0 for doc in preds for s in doc)
    return (preds, seconds), lost


# --- one corpus ---------------------------------------------------------------------------


@dataclass
class CorpusResult:
    corpus: str
    docs: int
    gold: int
    other: int
    mb: float
    syriamap: dict[str, Any] = field(default_factory=dict)
    geotext: dict[str, Any] = field(default_factory=dict)
    speed: dict[str, float] = field(default_factory=dict)
    errors: dict[str, Any] = field(default_factory=dict)


def score(docs: Sequence[Doc], preds: Sequence[list[Span]]) -> dict[str, Any]:
    """Strict and lenient recognition, lenient distances, and the error lists."""
    strict, lenient = Recognition(), Recognition()
    errors: list[float] = []
    same_id: list[bool] = []
    near_or_same = 0  # matches < 161 km away or with the gold's GeoNames id
    false_pos: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    far: Counter[str] = Counter()
    far_same: Counter[str] = Counter()
    far_to: dict[str, Counter[str]] = {}
    fp_on_other = 0
    for doc, pred in zip(docs, preds, strict=True):
        strict.add(strict_match(doc.gold, pred))
        match = eupeg_match(doc.gold, pred)
        lenient.add(match)
        for g, p in match.pairs:
            gold, guess = doc.gold[g], pred[p]
            if guess.lat is None or guess.lon is None or gold.lat is None or gold.lon is None:
                continue  # EUPEG drops predictions without coordinates; gold always has them
            km = haversine_km(guess.lat, guess.lon, gold.lat, gold.lon)
            errors.append(km)
            same = gold.id is not None and gold.id == guess.id
            if gold.id is not None and guess.id is not None:
                same_id.append(same)
            near_or_same += km < ACC_KM or same
            if km >= ACC_KM:
                far[gold.surface] += 1
                far_same[gold.surface] += same
                far_to.setdefault(gold.surface, Counter())[guess.name or guess.id or "?"] += 1
        for p in match.spurious:
            span = pred[p]
            false_pos[span.surface] += 1
            fp_on_other += any(span.start < o.end and o.start < span.end for o in doc.other)
        for g in match.missed:
            missed[doc.gold[g].surface] += 1
    return {
        "strict": strict.to_dict(),
        "lenient": lenient.to_dict(),
        "distance": {
            **distance_metrics(errors),
            "same_id": statistics.fmean(same_id) if same_id else math.nan,
            "acc161_or_same_id": near_or_same / len(errors) if errors else math.nan,
        },
        "errors": {
            "false_positives": false_pos.most_common(TOP),
            "false_positives_on_non_gold_annotation": fp_on_other,
            "missed": missed.most_common(TOP),
            "far_161km": [
                {
                    "surface": s,
                    "count": n,
                    "same_id": far_same[s],
                    "resolved_to": far_to[s].most_common(1)[0][0],
                }
                for s, n in far.most_common(TOP)
            ],
            "far_161km_total": sum(far.values()),
            "far_161km_same_id": sum(far_same.values()),
        },
    }


def evaluate(corpus: str, docs: list[Doc]) -> CorpusResult:
    texts = [d.text for d in docs]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    result = CorpusResult(
        corpus,
        len(docs),
        sum(len(d.gold) for d in docs),
        sum(len(d.other) for d in docs),
        size,
    )
    clear_caches()
    gazetteer = Gazetteer(Gazetteer.default_path())
    find_places("Aleppo", gazetteer=gazetteer)  # opens the SQLite file (untimed)
    preds, cold = run_syriamap(texts, gazetteer)
    _, warm = run_syriamap(texts, gazetteer)
    (g_preds, g_cold), lost = run_geotext(texts)
    (_, g_warm), _ = run_geotext(texts)

    sm = score(docs, preds)
    gt = score(docs, g_preds)
    result.syriamap = {k: sm[k] for k in ("strict", "lenient", "distance")}
    result.geotext = {"strict": gt["strict"], "lenient": gt["lenient"], "names_not_placed": lost}
    result.errors = sm["errors"]
    result.speed = {
        "syriamap_cold_mb_s": size / cold,
        "syriamap_warm_mb_s": size / warm,
        "geotext_cold_mb_s": size / g_cold,
        "geotext_warm_mb_s": size / g_warm,
    }
    result.speed["ratio_cold"] = (
        result.speed["syriamap_cold_mb_s"] / result.speed["geotext_cold_mb_s"]
    )
    result.speed["ratio_warm"] = (
        result.speed["syriamap_warm_mb_s"] / result.speed["geotext_warm_mb_s"]
    )
    return result


# --- report -------------------------------------------------------------------------------


def num(value: float | None, digits: int = 3) -> str:
    if value is None or value != value:  # None or NaN
        return "n/a"
    return f"{value:.{digits}f}"


def km(value: float | None) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"


def table(rows: Sequence[Sequence[str]], header: Sequence[str], left: int = 1) -> str:
    """Plain-text table; the first ``left`` columns flush left, the others flush right."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        out = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def published(corpus: str) -> dict[str, dict[str, float]]:
    return {
        name: dict(zip(PUBLISHED_KEYS, values, strict=True))
        for name, values in PUBLISHED[corpus].items()
    }


def recognition_table(results: Sequence[CorpusResult]) -> str:
    rows = []
    for r in results:

        def row(system: str, match: str, s: dict[str, float], corpus: str = r.corpus) -> list[str]:
            counts = [f"{s[k]:,}" if k in s else "" for k in ("tp", "fp", "fn")]
            return [
                corpus,
                system,
                match,
                *(num(s[k]) for k in ("precision", "recall", "f1")),
                *counts,
            ]

        rows.append(row("syriamap", "midpoint<10", r.syriamap["lenient"]))
        rows.append(row("syriamap", "strict", r.syriamap["strict"]))
        rows.append(row("geotext 0.4.0", "midpoint<10", r.geotext["lenient"]))
        rows.append(row("geotext 0.4.0", "strict", r.geotext["strict"]))
        for name, figures in published(r.corpus).items():
            rows.append(row(f"{name} (published)", "midpoint<10", figures))
    header = ["corpus", "system", "match", "P", "R", "F1", "TP", "FP", "FN"]
    return table(rows, header, left=3)


def resolution_table(results: Sequence[CorpusResult]) -> str:
    rows = []
    for r in results:
        d = r.syriamap["distance"]
        rows.append(
            [
                r.corpus,
                "syriamap",
                f"{d['n']:,}",
                km(d["mean_km"]),
                km(d["median_km"]),
                num(d["acc161"]),
                num(d["auc"]),
                num(d["same_id"]),
                num(d["acc161_or_same_id"]),
            ]
        )
        for name, f in published(r.corpus).items():
            rows.append(
                [
                    r.corpus,
                    f"{name} (published)",
                    "",
                    km(f["mean_km"]),
                    km(f["median_km"]),
                    num(f["acc161"]),
                    num(f["auc"]),
                    "",
                    "",
                ]
            )
    header = [
        "corpus",
        "system",
        "matches",
        "mean km",
        "median km",
        "acc@161",
        "AUC",
        "same id",
        "<161 or id",
    ]
    return table(rows, header, left=2)


def speed_table(results: Sequence[CorpusResult]) -> str:
    rows = []
    for r in results:
        s = r.speed
        rows.append(
            [
                r.corpus,
                f"{r.mb:.3f}",
                f"{s['syriamap_cold_mb_s']:.2f}",
                f"{s['syriamap_warm_mb_s']:.2f}",
                f"{s['geotext_cold_mb_s']:.1f}",
                f"{s['geotext_warm_mb_s']:.1f}",
                f"1/{1 / s['ratio_cold']:.1f}",
                f"1/{1 / s['ratio_warm']:.1f}",
            ]
        )
    header = [
        "corpus",
        "MB",
        "syriamap cold",
        "syriamap warm",
        "geotext cold",
        "geotext warm",
        "ratio cold",
        "ratio warm",
    ]
    return table(rows, header)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def targets(results: Sequence[CorpusResult]) -> tuple[str, dict[str, dict[str, Any]]]:
    rows, out = [], {}
    for r in results:
        delta = r.syriamap["lenient"]["f1"] - r.geotext["lenient"]["f1"]
        delta_strict = r.syriamap["strict"]["f1"] - r.geotext["strict"]["f1"]
        acc = r.syriamap["distance"]["acc161"]
        speed = r.speed["syriamap_cold_mb_s"]
        ratio = r.speed["ratio_cold"]
        checks = {
            "f1_over_geotext": delta >= TARGETS["f1_over_geotext"],
            "acc161": acc >= TARGETS["acc161"],
            "mb_per_s": speed >= TARGETS["mb_per_s"],
            "ratio_to_geotext": ratio >= TARGETS["ratio_to_geotext"],
        }
        out[r.corpus] = {
            "f1_minus_geotext": delta,
            "f1_minus_geotext_strict": delta_strict,
            "acc161": acc,
            "mb_per_s": speed,
            "ratio_to_geotext": ratio,
            "met": checks,
        }
        rows.append(
            [
                r.corpus,
                f"{delta:+.3f} {verdict(checks['f1_over_geotext'])} (strict {delta_strict:+.3f})",
                f"{num(acc)} {verdict(checks['acc161'])}",
                f"{speed:.2f} {verdict(checks['mb_per_s'])}",
                f"1/{1 / ratio:.1f} {verdict(checks['ratio_to_geotext'])}",
            ]
        )
    header = [
        "corpus",
        "F1 - geotext F1 >= +0.15",
        "acc@161 >= 0.85",
        "MB/s >= 2",
        "ratio >= 1/15",
    ]
    return table(rows, header), out


def print_errors(r: CorpusResult) -> None:
    e = r.errors
    fps = r.syriamap["lenient"]["fp"]
    print(
        f"\n[{r.corpus}] syriamap errors (EUPEG matching): {fps:,} false positives, "
        f"{e['false_positives_on_non_gold_annotation']:,} of them on an annotated toponym outside "
        f"the gold set; {r.syriamap['lenient']['fn']:,} missed"
    )
    fp, miss = e["false_positives"], e["missed"]
    far = [
        (f"{f['surface']} ({f['count']})", f"{f['same_id']}", f["resolved_to"])
        for f in e["far_161km"]
    ]
    rows = []
    for i in range(max(len(fp), len(miss), len(far))):
        a = f"{fp[i][0]} ({fp[i][1]})" if i < len(fp) else ""
        b = f"{miss[i][0]} ({miss[i][1]})" if i < len(miss) else ""
        c = far[i] if i < len(far) else ("", "", "")
        rows.append([f"{i + 1}", a, b, *c])
    header = [
        "#",
        "false positive (count)",
        "missed (count)",
        ">= 161 km off (count)",
        "of them same id",
        "resolved to (most often)",
    ]
    print(table(rows, header, left=6))
    print(
        f"matched but >= 161 km off: {e['far_161km_total']:,}, of which "
        f"{e['far_161km_same_id']:,} have the gold's GeoNames id (the gold point differs)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=CORPORA, help="only this corpus")
    parser.add_argument("--errors", action="store_true", help="print syriamap's top errors")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--data", type=Path, default=DATA, help=f"corpus directory ({DATA})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpora = (args.corpus,) if args.corpus else CORPORA

    print(
        f"syriamap {__version__}, geotext 0.4.0, Python {platform.python_version()}, "
        f"{platform.machine()} x {os.cpu_count()} CPUs, corpora from {args.data}"
    )
    results = []
    for corpus in corpora:
        docs = load_corpus(args.data / f"{corpus}.jsonl", corpus)
        print(f"scoring {corpus} ...", flush=True)
        results.append(evaluate(corpus, docs))

    counts = [
        [r.corpus, f"{r.docs:,}", f"{r.gold:,}", f"{r.other:,}", f"{r.mb:.3f}"] for r in results
    ]
    print()
    print(table(counts, ["corpus", "docs", "gold toponyms", "other annotations", "MB of text"]))
    print("\nRecognition (P/R/F1; midpoint<10 = EUPEG's inexact match)")
    print(recognition_table(results))
    print("\nResolution over midpoint<10 matches (km; AUC lower is better)")
    print(resolution_table(results))
    print("\nSpeed (MB/s of text; ratio = syriamap / geotext)")
    print(speed_table(results))
    target_text, target_figures = targets(results)
    print("\nTargets of the issue (F1 on EUPEG matching; speed on cold passes)")
    print(target_text)

    lost = {r.corpus: r.geotext["names_not_placed"] for r in results}
    notes = [
        "published rows: EUPEG (Wang & Hu 2019) via PUBLISHED.md, not re-measured; their "
        "resolution figures hold for each system's own matches, as ours do.",
        "GeoWebNews gold: the geocoding_gold toponyms (2,399 here; EUPEG's file has 2,401).",
        f"geotext names that could not be placed in the text (scored as false positives): {lost}.",
        "same id = share of syriamap matches with the gold GeoNames id (n/a: no ids in GeoVirus).",
        f"total benchmark time: {time.perf_counter() - started:.0f} s.",
    ]
    print()
    for note in notes:
        print(f"- {note}")

    if args.errors:
        for r in results:
            print_errors(r)

    if args.json:
        payload = {
            "syriamap_version": __version__,
            "geotext_version": "0.4.0",
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "targets": TARGETS,
            "corpora": {r.corpus: clean(asdict(r)) for r in results},
            "published_eupeg": {r.corpus: published(r.corpus) for r in results},
            "target_check": clean(target_figures),
            "notes": notes,
        }
        args.json.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"\nfigures written to {args.json}")
    return 0


def clean(value: Any) -> Any:
    """NaN -> None, tuples -> lists, recursively, for strict JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
