"""Map rendering cost: time and file size of `render_html` as events grow.

Measures the example article end to end (extraction + map) and synthetic extractions of 100,
1,000 and 10,000 events (half control changes, half movements between random Syrian and
neighbouring places, a fixed seed), against the issue's targets: the article map within 1 s and
2 MB, 10,000 events within 10 s and 15 MB.  The same events spread over reports of ten events
each are also drawn as a corpus map (one marker per place, one line per flow).  Peer in the
same run: folium's own rendering of the same number of bare CircleMarkers (no popups, no
styling), the floor of any folium map.  With ``--browser`` each big page is also opened in
headless Chromium (Debian's chromium + chromedriver): seconds to the load event, and
milliseconds for one timeline move (all events re-filtered) — "responsive" in figures.

    python benchmarks/render.py [--sizes 100 1000 10000] [--browser]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def synthetic(n: int):  # type: ignore[no-untyped-def]
    from syriamap import ControlChange, Evidence, Movement
    from syriamap.formats import Extraction
    from syriamap.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    places = [
        p for p in gaz if p.country in {"SY", "LB", "IQ", "TR", "JO"} and p.kind in {"city", "town"}
    ][:400]
    rng = random.Random(20241207)
    factions = ["government", "opposition", "hts", "sna", "sdf", "isis", "israel", "russia"]
    changes, moves = [], []
    start = date(2024, 11, 27)
    for i in range(n):
        when = start + timedelta(days=rng.randrange(14))
        evidence = Evidence(f"Synthetic event number {i} for the benchmark.", 0, 10)
        if i % 2 == 0:
            changes.append(
                ControlChange(
                    rng.choice(places),
                    rng.choice(factions),
                    rng.choice(factions),
                    None,
                    when,
                    False,
                    evidence,
                    1.0,
                )
            )
        else:
            moves.append(
                Movement(
                    None,
                    rng.choice(factions),
                    "other",
                    rng.choice(["air", "land", "sea"]),
                    rng.choice(places),
                    (rng.choice(places),),
                    (),
                    when,
                    False,
                    evidence,
                    1.0,
                )
            )
    return Extraction("Synthetic", start, None, (), tuple(changes), tuple(moves))


def corpus_of(result):  # type: ignore[no-untyped-def]
    """The synthetic events as reports of ten events each (a batch corpus)."""
    from syriamap.corpus import Corpus, Report
    from syriamap.formats import Extraction

    reports = []
    changes, moves = list(result.control_changes), list(result.movements)
    for i in range(0, max(len(changes), len(moves)), 5):
        part = Extraction(
            f"Report {i}", None, None, (), tuple(changes[i : i + 5]), tuple(moves[i : i + 5])
        )
        reports.append(Report(f"r{i}", part))
    return Corpus(tuple(reports), 0)


def in_browser(page: str) -> tuple[float, float]:
    """(seconds to the load event, milliseconds for one slider move) in headless Chromium."""
    import shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,800"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as handle:
            handle.write(page)
        driver.get(Path(handle.name).as_uri())
        loaded = driver.execute_script(
            "var t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd / 1000"
        )
        move = driver.execute_script(
            "var s = document.getElementById('sm-slider'); if (!s) return 0;"
            "var t0 = performance.now(); s.value = 0; s.dispatchEvent(new Event('input'));"
            "s.value = s.max; s.dispatchEvent(new Event('input'));"
            "return (performance.now() - t0) / 2"
        )
        Path(handle.name).unlink()
        return float(loaded), float(move)
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also time the pages in Chromium")
    args = parser.parse_args()

    import folium

    from syriamap import extract
    from syriamap.maps import render_corpus_html, render_html

    print(f"{'case':34s} {'seconds':>8s} {'MB':>7s}   target")
    articles = [("example article", ROOT / "examples" / "example-article.txt")]
    # the seed article the project started from, read where it lies (never copied here)
    articles += [("seed article", p) for p in sorted(SEEDS.glob("*.txt"))[:1]]
    for label, path in articles:
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        page = render_html(extract(text, published="2024-12-07"), text=text)
        seconds = time.perf_counter() - start
        print(
            f"{label + ' (extract + map)':34s} {seconds:8.2f} {len(page) / 1e6:7.2f}   "
            "<= 1 s, <= 2 MB"
        )
    for n in args.sizes:
        result = synthetic(n)
        start = time.perf_counter()
        page = render_html(result)
        seconds = time.perf_counter() - start
        target = "<= 10 s, <= 15 MB" if n >= 10000 else ""
        print(f"{f'{n:,} synthetic events':34s} {seconds:8.2f} {len(page) / 1e6:7.2f}   {target}")
        if args.browser and n >= 1000:
            load, move = in_browser(page)
            print(f"{'  in Chromium: load s / slider ms':34s} {load:8.2f} {move:7.0f}")
        corpus = corpus_of(result)
        start = time.perf_counter()
        page = render_corpus_html(corpus)
        seconds = time.perf_counter() - start
        label = f"  as a corpus map ({len(corpus.reports):,} reports)"
        print(f"{label:34s} {seconds:8.2f} {len(page) / 1e6:7.2f}")
        if args.browser and n >= 1000:
            load, move = in_browser(page)
            print(f"{'  in Chromium: load s / slider ms':34s} {load:8.2f} {move:7.0f}")
        fmap = folium.Map(tiles=None)
        for change in result.control_changes:
            folium.CircleMarker((change.place.lat, change.place.lon)).add_to(fmap)
        for move in result.movements:
            folium.CircleMarker((move.origin.lat, move.origin.lon)).add_to(fmap)
        start = time.perf_counter()
        floor = fmap.get_root().render()
        seconds = time.perf_counter() - start
        print(f"{f'  folium floor, {n:,} bare markers':34s} {seconds:8.2f} {len(floor) / 1e6:7.2f}")


if __name__ == "__main__":
    main()
