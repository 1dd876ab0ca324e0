"""Hostile strings in every field a map shows are data: shown as written, never run.

Each payload goes into article text, title, id, URL, outlet, overlay place names, actors,
controllers and factions — through the library, through ``syriamap map`` (a text article, an
HTML page, a saved extraction, a corpus written by ``syriamap batch``) — and the page is
opened in a real headless Chromium: no script ran, every text reads as written, and no
template payload made a directory on disk."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from syriamap import Gazetteer, extract
from syriamap.corpus import read_corpus
from syriamap.errors import InputError
from syriamap.maps import render_corpus_html, render_html

#: Run as a Jinja2 expression, this makes a directory named ``sstipwned`` in the current one.
SSTI = "{{lipsum.__globals__.os.mkdir(dict(sstipwned=1)|first)}}"
#: Template syntax: each must appear on the page as written (not crash, vanish or run).
TEMPLATE_PAYLOADS = (
    "{{ 7*7 }}",
    SSTI,
    "{{lipsum.__globals__.os.popen(dict(id=1)|first).read()}}",
    "{% if 1 %}X{% endif %}",
    "{# open comment",
    "{{cite web|url=https://example.org/x|title=Hama}}",
    "{{ and }}",
    "{%",
    "#} %} }}",
)
#: Markup and script breakers: each would set ``window.__pwned`` if it ran.
XSS_PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "'-(window.__pwned=4)-'",
    "`${window.__pwned=5}`",
    "<svg onload=window.__pwned=6>",
    "]]> <!-- \u2028 \u2029 --> C:\\x",
)
PAYLOADS = TEMPLATE_PAYLOADS + XSS_PAYLOADS
HOSTILE = " ".join(PAYLOADS)
JS_URL = "javascript:window.__pwned=7"


def article(payload: str = HOSTILE) -> str:
    """Events in every sentence, each sentence carrying the payload (so popups quote it)."""
    return (
        f"Opposition fighters captured Hama from government forces on Dec. 5, 2024, {payload}. "
        f"Some Iranian staff flew from Damascus to Tehran, {payload}. "
        f"Turkish-backed factions seized Tal Rifaat from the SDF on Sunday, {payload}. "
        f"Residents of Qasr Testaba said nothing had changed, {payload}."
    )


def write_overlay(path: Path, name: str = HOSTILE) -> Path:
    """An overlay place whose name is the payload, matched in articles by its alias."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "kind", "aliases", "lat", "lon", "country"])
        writer.writerow(["local:testaba", name, "village", "Qasr Testaba", "35.4", "37.2", "SY"])
    return path


def hostile_saved(text: str, gazetteer: Gazetteer) -> dict:
    """A saved extraction whose free-text fields (actor, controllers, faction, kind, mode,
    evidence, title, URL) all carry the payloads."""
    saved = extract(text, published="2024-12-07", gazetteer=gazetteer).to_dict()
    saved["source"].update(title=HOSTILE, url=JS_URL)
    for change in saved["control_changes"]:
        change.update(new_controller=HOSTILE, previous_controller=HOSTILE, actor=HOSTILE)
        change["evidence"]["text"] = HOSTILE
    for move in saved["movements"]:
        move.update(actor=HOSTILE, faction=HOSTILE, kind=HOSTILE, mode=HOSTILE)
        move["evidence"]["text"] = HOSTILE
    return saved


@pytest.fixture(scope="module")
def overlay_gazetteer(tmp_path_factory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("overlay")
    return Gazetteer.default().with_overlay(write_overlay(folder / "places.csv"))


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_in_every_field_of_an_article_map_appears_verbatim_and_runs_nothing(
    payload: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where the SSTI payload would make its directory
    gazetteer = Gazetteer.default().with_overlay(write_overlay(tmp_path / "o.csv", payload))
    text = article(payload)
    result = extract(text, published="2024-12-07", url=f"https://example.org/{payload}")
    page = render_html(result, text=text, title=payload, gazetteer=gazetteer)
    assert page.count(payload) >= 4  # panel sentences and title block, as written
    assert not (tmp_path / "sstipwned").exists()


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_in_every_field_of_a_corpus_map_appears_verbatim_and_runs_nothing(
    payload: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    row = {"id": payload, **extract(article(payload), published="2024-12-07").to_dict()}
    row["source"].update(title=payload, url=f"https://example.org/{payload}", outlet=payload)
    for move in row["movements"]:
        move.update(actor=payload, faction=payload)
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text(json.dumps(row) + "\n", encoding="utf-8")
    page = render_corpus_html(read_corpus(corpus_file), title=payload)
    assert page.count(payload) >= 6  # tab, title block, popups' titles, quotes and factions
    assert not (tmp_path / "sstipwned").exists()


def test_a_colour_that_is_not_a_hex_code_is_refused_not_written_into_the_page() -> None:
    result = extract("Rebels captured Hama on Dec. 5, 2024.")
    for bad in ("{{ 7*7 }}", "red;}</style><script>window.__pwned=1</script>", "#12345"):
        with pytest.raises(InputError, match="#RRGGBB"):
            render_html(result, colours={"opposition": bad})


# --- the command line -----------------------------------------------------------------------


def test_cli_maps_a_hostile_text_article_with_a_hostile_overlay(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text(article(), encoding="utf-8")
    overlay = write_overlay(tmp_path / "places.csv")
    out = tmp_path / "map.html"
    done = run_cli(
        "map", str(source), "--gazetteer-overlay", str(overlay), "--title", HOSTILE,
        "--published", "2024-12-07", "-o", str(out), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and "{% if 1 %}X{% endif %}" in page and "{{ and }}" in page
    assert not (tmp_path / "sstipwned").exists()


def test_cli_maps_a_hostile_html_page(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    source.write_text(
        f"<!DOCTYPE html><html><head><title>{escaped}</title></head><body><article>"
        f"<p>{escaped}</p><p>{escaped.join(article('').split(', .'))}</p></article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "map.html"
    done = run_cli("map", str(source), "--published", "2024-12-07", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and "{{cite web|url=https://example.org/x|title=Hama}}" in page
    assert not (tmp_path / "sstipwned").exists()


def test_cli_maps_a_saved_extraction_with_hostile_actors_and_controllers(
    run_cli, tmp_path: Path, gazetteer
) -> None:
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(hostile_saved(article(), gazetteer)), encoding="utf-8")
    out = tmp_path / "map.html"
    done = run_cli("map", str(saved), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "{{ 7*7 }}" in out.read_text(encoding="utf-8")
    assert not (tmp_path / "sstipwned").exists()


def hostile_batch(run_cli, folder: Path) -> Path:
    """A corpus as ``syriamap batch`` writes it from hostile input (id, title, URL, outlet,
    text), plus one row whose actors, controllers and source URL are hostile too."""
    rows = [
        {"id": HOSTILE, "title": HOSTILE, "source": HOSTILE, "text": article()},
        {"id": "second", "title": "t", "url": f"https://example.org/?q={HOSTILE}",
         "text": article(), "published": "2024-12-08"},
    ]  # fmt: skip
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = folder / "out.jsonl"
    done = run_cli("batch", str(source), "-o", str(out), cwd=folder)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    lines = out.read_text(encoding="utf-8").split("\n")  # the text holds U+2028
    written = [json.loads(line) for line in lines if line]
    third = {**written[0], "id": "third"}
    third["source"] = {**third["source"], "url": JS_URL}  # batch refuses it; a file may hold it
    for change in third["control_changes"]:
        change.update(new_controller=HOSTILE, previous_controller=HOSTILE)
        change["evidence"]["text"] = HOSTILE
    for move in third["movements"]:
        move.update(actor=HOSTILE, faction=HOSTILE, mode=HOSTILE)
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [*written, third]), encoding="utf-8")
    return corpus


def test_cli_maps_a_hostile_corpus_from_batch(run_cli, tmp_path: Path) -> None:
    corpus = hostile_batch(run_cli, tmp_path)
    out = tmp_path / "corpus.html"
    done = run_cli("map", str(corpus), "--title", HOSTILE, "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "{{ 7*7 }}" in out.read_text(encoding="utf-8")
    assert not (tmp_path / "sstipwned").exists()


# --- in a real browser --------------------------------------------------------------------

#: Opens every popup and tooltip on the map in turn and returns their texts, then the state
#: a payload would have changed.
COLLECT = """
var map = null;
for (var k in window) {
  if (k.indexOf('map_') === 0 && window[k] instanceof L.Map) { map = window[k]; }
}
var popups = [], tooltips = [];
map.eachLayer(function (l) {
  if (l.getPopup && l.getPopup()) {
    l.openPopup();
    popups.push(l.getPopup().getElement().querySelector('.leaflet-popup-content').textContent);
    l.closePopup();
  }
  if (l.getTooltip && l.getTooltip()) {
    l.openTooltip(map.getCenter());
    tooltips.push(l.getTooltip().getElement().textContent);
    l.closeTooltip();
  }
});
var panel = document.getElementById('sm-text');
return {popups: popups, tooltips: tooltips, title: document.title,
        box: document.getElementById('sm-title').textContent,
        legend: document.getElementById('sm-legend').textContent,
        panel: panel ? panel.textContent : null,
        links: Array.from(document.querySelectorAll('a[href]')).map(function (a) {
          return a.getAttribute('href'); })};
"""


def opened(open_page, page: str) -> dict:
    browser = open_page(page)
    seen = browser.execute_script(COLLECT)
    seen["pwned"] = browser.execute_script("return window.__pwned === undefined ? null : 1")
    seen["errors"] = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    return seen


def assert_shows_every_payload(text: str) -> None:
    missing = [p for p in PAYLOADS if p not in text]
    assert missing == [], text[:400]


def test_browser_article_map_runs_no_payload_and_shows_every_field_as_written(
    open_page, overlay_gazetteer, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = article()
    result = extract(text, published="2024-12-07", url=JS_URL, gazetteer=overlay_gazetteer)
    seen = opened(
        open_page, render_html(result, text=text, title=HOSTILE, gazetteer=overlay_gazetteer)
    )
    assert seen["pwned"] is None and seen["errors"] == []
    assert seen["title"] == HOSTILE
    assert_shows_every_payload(seen["box"])
    assert JS_URL in seen["box"] and not [h for h in seen["links"] if "javascript" in h]
    assert_shows_every_payload(seen["panel"])
    assert len(seen["popups"]) >= 6  # places, control changes, the flight
    for popup in seen["popups"]:
        assert_shows_every_payload(popup)
    assert any(HOSTILE in t for t in seen["tooltips"])  # the overlay place's name
    assert not (tmp_path / "sstipwned").exists()


def test_browser_saved_extraction_map_shows_hostile_actors_and_controllers_as_written(
    open_page, gazetteer, tmp_path: Path, monkeypatch
) -> None:
    from syriamap.formats import extraction_from_dict

    monkeypatch.chdir(tmp_path)
    result = extraction_from_dict(hostile_saved(article(), gazetteer), gazetteer=gazetteer)
    seen = opened(open_page, render_html(result))
    assert seen["pwned"] is None and seen["errors"] == []
    assert_shows_every_payload(seen["legend"])  # the factions
    changes_and_moves = [p for p in seen["popups"] if p.count(HOSTILE) >= 2]
    assert len(changes_and_moves) == 3  # two control changes, one movement
    assert not (tmp_path / "sstipwned").exists()


def test_browser_corpus_map_runs_no_payload_and_shows_every_field_as_written(
    open_page, run_cli, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(hostile_batch(run_cli, tmp_path))
    seen = opened(open_page, render_corpus_html(corpus, title=HOSTILE))
    assert seen["pwned"] is None and seen["errors"] == []
    assert seen["title"] == HOSTILE
    assert_shows_every_payload(seen["box"])
    history = [p for p in seen["popups"] if "reported changes" in p]
    assert history and all(HOSTILE in p for p in history)  # the report's title, quotes
    assert any(p.count(HOSTILE) >= 3 for p in seen["popups"])  # the hostile row's flow
    leaflet = ("#", "https://leafletjs.com")  # its buttons and attribution
    sources = [h for h in seen["links"] if not h.startswith(leaflet)]
    assert sources and all(h.startswith("https://example.org/?q=") for h in sources)
    assert not (tmp_path / "sstipwned").exists()


# --- arbitrary strings --------------------------------------------------------------------

#: Pieces random strings are made of: template and markup syntax, JavaScript and HTML
#: breakers, line separators, control characters and other scripts.
PIECES = (
    *"{}%#<>&\"'`$\\/!-[]()|=*. \n\t\r\x00\x0b\x0c\x1c\x85\u2028\u2029\u202e\ufeffاحلب",
    "{{", "}}", "{%", "%}", "{#", "#}", "<script>", "</script>", "<!--", "]]>", "${",
    "Hama", "captured", "Damascus", " to ", "Homs",
)  # fmt: skip


def random_strings(count: int, seed: int = 11):
    import random

    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))


def panel_text(page: str) -> str:
    """The article as the panel's HTML spells it, tags dropped and entities decoded."""
    import html
    import re

    start = page.index('<div id="sm-text">') + len('<div id="sm-text">')
    body = page[start : page.index("</div></div>", start)]
    body = re.sub(
        r'<(?:span class="sm-event"|mark class="sm-place")[^>]*>|</span>|</mark>', "", body
    )
    return html.unescape(body.replace("<br>", "\n"))


def test_arbitrary_strings_in_text_title_and_url_render_as_written(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for value in random_strings(60):
        text = f"Rebels captured Hama on Dec. 5, 2024. {value}"
        result = extract(text, url=value)
        page = render_html(result, text=text, title=value)
        assert panel_text(page) == text
        data = next(line for line in page.split("\n") if line.startswith("var smData = "))
        assert json.loads(data[len("var smData = ") : -1])["popups"]
    assert list(tmp_path.iterdir()) == []


def test_a_hostile_map_is_byte_identical_for_the_same_input(overlay_gazetteer) -> None:
    text = article()
    result = extract(text, published="2024-12-07", url=JS_URL, gazetteer=overlay_gazetteer)
    pages = {
        render_html(result, text=text, title=HOSTILE, gazetteer=overlay_gazetteer) for _ in range(2)
    }
    assert len(pages) == 1


def test_a_lone_surrogate_from_python_still_gives_a_page_that_can_be_written() -> None:
    text = "Rebels captured Hama on Dec. 5, 2024. Broken \ud800 text."
    page = render_html(extract(text), text=text, title="title \udfff")
    assert "Broken \ufffd text." in page.encode("utf-8").decode("utf-8")
    assert "<title>title \ufffd</title>" in page
