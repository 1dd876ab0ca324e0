"""The HTML map: self-contained, escaped, repeatable — checked in the page and in a real
headless Chromium.  Browser tests skip (with the reason) where Chromium is missing, and are
mandatory when SYRIAMAP_BROWSER_TESTS=1 (CI sets it and installs Debian's chromium)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from syriamap import extract
from syriamap.maps import FACTION_COLOURS, render_html, write_map

ARTICLE = (
    "Opposition fighters captured Hama from government forces on Dec. 5, 2024. "
    "Some Iranian staff flew from Damascus to Tehran, while others drove to Beirut via the "
    "Masnaa crossing. Turkish-backed factions seized Tal Rifaat from the SDF on Sunday. "
    "A post near Homs read <script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned = 2"> and `${window.__pwned = 3}` in C:\\sand.'
)


@pytest.fixture(scope="module")
def page() -> str:
    result = extract(ARTICLE, published="2024-12-07")
    return render_html(result, text=ARTICLE, title="Test </script><b>title</b>")


def test_the_page_fetches_nothing_from_elsewhere(page: str) -> None:
    sources = re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)=["']([^"']+)""", page)
    assert sources == []
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page
    assert "L.map(" in page or "L.map (" in page  # Leaflet is inlined and used


def test_article_markup_is_escaped_everywhere(page: str) -> None:
    assert "<script>window.__pwned" not in page
    assert '<img src=x onerror="window.__pwned' not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "</script><b>title</b>" not in page
    # article text never sits in the JavaScript template literals folium wraps popups and
    # tooltips in (where ``${...}`` runs): it reaches the script only as JSON data
    assert "$(`" not in page and ".bindTooltip(\n`" not in page


def test_same_input_gives_byte_identical_output(page: str) -> None:
    result = extract(ARTICLE, published="2024-12-07")
    again = render_html(result, text=ARTICLE, title="Test </script><b>title</b>")
    assert again == page


def test_control_changes_are_filled_with_new_and_ringed_with_previous_colour(page: str) -> None:
    assert page.count("syriamap-control-change") >= 2
    assert FACTION_COLOURS["opposition"] in page and FACTION_COLOURS["government"] in page
    assert page.count('"className": "syriamap-movement"') == 2


def test_write_map_is_atomic_and_makes_the_folder(tmp_path: Path, page: str) -> None:
    target = write_map(page, tmp_path / "maps" / "a.html")
    assert target.read_text(encoding="utf-8") == page
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


def test_cli_map_writes_to_outputs_by_default(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "hama-falls.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("map", str(article), "--published", "2024-12-07", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = list((tmp_path / "outputs").glob("*.html"))
    assert len(written) == 1 and "control changes" in result.stderr
    bad = run_cli("map", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# --- in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(open_page, page: str):
    return open_page(page)


def test_browser_shows_the_map_without_errors_or_requests(loaded) -> None:
    errors = [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    external = loaded.execute_script(
        "return performance.getEntriesByType('resource')"
        ".map(e => e.name).filter(n => !n.startsWith('file:') && !n.startsWith('data:'))"
    )
    assert external == []
    assert loaded.execute_script("return window.__pwned === undefined")


def test_browser_draws_one_mark_per_event_and_popups_quote_the_evidence(loaded) -> None:
    from selenium.webdriver.common.by import By

    changes = loaded.find_elements(By.CSS_SELECTOR, "path.syriamap-control-change")
    moves = loaded.find_elements(By.CSS_SELECTOR, "path.syriamap-movement")
    assert len(changes) == 2 and len(moves) == 2
    from selenium.webdriver.support.ui import WebDriverWait

    loaded.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", changes[0]
    )
    text = WebDriverWait(loaded, 5).until(
        lambda d: d.execute_script(
            "const p = document.querySelector('.leaflet-popup-content'); return p && p.innerText"
        )
    )
    assert "from " in text and ("captured" in text or "seized" in text)


def test_browser_screenshot_is_not_blank(loaded, tmp_path: Path) -> None:
    shot = tmp_path / "map.png"
    loaded.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes


def test_browser_timeline_hides_later_events(loaded) -> None:
    from selenium.webdriver.common.by import By

    def count() -> int:
        return len(loaded.find_elements(By.CSS_SELECTOR, "path.syriamap-control-change"))

    before = count()
    loaded.execute_script(
        "var s = document.getElementById('sm-slider'); s.value = 0;"
        "s.dispatchEvent(new Event('input'))"
    )
    assert "2024-12-01" in loaded.find_element(By.ID, "sm-date").text
    assert count() == before - 1  # the Hama change of Dec 5 is hidden, Tal Rifaat's stays
    loaded.execute_script(
        "var s = document.getElementById('sm-slider'); s.value = s.max;"
        "s.dispatchEvent(new Event('input'))"
    )
    assert count() == before


def test_browser_panel_highlight_flies_the_map_to_the_place(loaded) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    name = loaded.execute_script(
        "for (var k in window) { if (k.indexOf('map_') === 0 && window[k] instanceof L.Map)"
        " return k; }"
    )
    centre = loaded.execute_script(f"return {name}.getCenter().lng")
    mark = next(
        m for m in loaded.find_elements(By.CSS_SELECTOR, "mark.sm-place") if m.text == "Tehran"
    )
    mark.click()
    WebDriverWait(loaded, 5).until(
        lambda d: abs(d.execute_script(f"return {name}.getCenter().lng") - 51.4) < 1
    )
    assert abs(loaded.execute_script(f"return {name}.getCenter().lng") - centre) > 5


def _lab(hex_colour: str, deuteranopia: bool) -> tuple[float, float, float]:
    """CIELAB of an sRGB colour, optionally as a deuteranope sees it (Machado et al. 2009,
    severity 1.0, applied in linear RGB)."""

    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5)]
    if deuteranopia:
        matrix = (
            (0.367322, 0.860646, -0.227968),
            (0.280085, 0.672501, 0.047413),
            (-0.011820, 0.042940, 0.968881),
        )
        rgb = [sum(m * v for m, v in zip(row, rgb, strict=True)) for row in matrix]
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


@pytest.mark.parametrize("deuteranopia", [False, True])
def test_every_pair_of_faction_colours_stays_distinguishable(deuteranopia: bool) -> None:
    import itertools
    import math

    labs = {name: _lab(colour, deuteranopia) for name, colour in FACTION_COLOURS.items()}
    closest = min((math.dist(labs[a], labs[b]), a, b) for a, b in itertools.combinations(labs, 2))
    assert closest[0] >= 15, closest


def test_a_governorate_level_change_shades_the_governorate() -> None:
    result = extract(
        "Opposition fighters captured Idlib province on Friday.", published="2024-12-07"
    )
    assert result.control_changes[0].place.kind == "admin1"
    page = render_html(result)
    assert "syriamap-governorate" in page and '"type": "Polygon"' in page.replace(
        '"type":"Polygon"', '"type": "Polygon"'
    )


def test_cli_maps_a_saved_extraction_without_the_article(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    saved = tmp_path / "a.json"
    assert (
        run_cli("extract", str(article), "--published", "2024-12-07", "-o", str(saved)).returncode
        == 0
    )
    result = run_cli("map", str(saved), "-o", str(tmp_path / "a.html"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page.count('"className": "syriamap-movement"') == 2
    assert "&lt;script&gt;window.__pwned" in page or "__pwned" not in page
    bad = tmp_path / "b.json"
    bad.write_text('{"places": []}', encoding="utf-8")
    failed = run_cli("map", str(bad))
    assert failed.returncode == 2 and "not a syriamap extraction" in failed.stderr


def test_browser_event_sentence_in_the_panel_fits_the_map_to_its_marks(loaded) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    name = loaded.execute_script(
        "for (var k in window) { if (k.indexOf('map_') === 0 && window[k] instanceof L.Map)"
        " return k; }"
    )
    loaded.execute_script(f"{name}.setView([10, 0], 3, {{animate: false}})")
    sentence = next(
        s for s in loaded.find_elements(By.CSS_SELECTOR, ".sm-event") if "Tal Rifaat" in s.text
    )
    loaded.execute_script("arguments[0].scrollIntoView()", sentence)
    loaded.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", sentence
    )
    WebDriverWait(loaded, 5).until(
        lambda d: d.execute_script(
            "const p = document.querySelector('.leaflet-popup-content');"
            "return p && p.innerText.indexOf('Tal Rifaat') >= 0"
        )
    )
    centre = loaded.execute_script(f"var c = {name}.getCenter(); return [c.lat, c.lng]")
    assert abs(centre[0] - 36.5) < 1.5 and abs(centre[1] - 37.1) < 1.5  # Tal Rifaat


def test_panel_marks_each_event_sentence_once_with_places_inside(page: str) -> None:
    panel = page[page.index('<div id="sm-text">') :]
    events = re.findall(r'<span class="sm-event" data-sm-event="\d+">(.*?)</span>', panel)
    assert len(events) == 3  # Hama's change, the flights and drive, Tal Rifaat's change
    assert '<mark class="sm-place" data-sm-place="' in events[1] and "Tehran</mark>" in events[1]


def test_online_tiles_are_offered_unticked_and_can_be_left_out(run_cli, tmp_path: Path) -> None:
    result = extract(ARTICLE, published="2024-12-07")
    offered = render_html(result, tiles="OpenTopoMap")
    assert "tile.opentopomap.org" in offered  # unticked: the browser test sees no request
    assert "tile.openstreetmap.org" not in render_html(result, tiles=None)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    bad = run_cli("map", str(article), "--tiles", "No.Such.Tiles", "-o", str(tmp_path / "x.html"))
    assert bad.returncode == 2 and "unknown tile layer" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.html").exists()


def test_cli_maps_a_saved_geojson_extraction(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    saved = tmp_path / "a.geojson"
    made = run_cli(
        "extract", str(article), "--published", "2024-12-07", "--format=geojson", f"-o{saved}"
    )
    assert made.returncode == 0, made.stderr
    result = run_cli("map", str(saved), "-o", str(tmp_path / "a.html"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page.count('"className": "syriamap-movement"') == 2
    assert page.count('"className": "syriamap-control-change"') == 2


def test_the_title_block_links_the_source_only_when_it_is_a_web_address() -> None:
    text = "Rebels captured Hama on Dec. 5, 2024."
    linked = render_html(extract(text, url='https://example.org/a?b=1&c="x"'))
    assert '<a href="https://example.org/a?b=1&amp;c=&#34;x&#34;"' in linked
    plain = render_html(extract(text, url="javascript:alert(1)"))
    assert 'href="javascript' not in plain and "javascript:alert(1)" in plain


def test_a_written_map_is_readable_like_any_new_file(tmp_path: Path, page: str) -> None:
    mask = os.umask(0o022)
    try:
        target = write_map(page, tmp_path / "shared.html")
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600


def test_cli_colour_overrides_a_faction_and_refuses_a_bad_one(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "a.html"
    done = run_cli("map", str(article), "--colour", "government=#123456", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "#123456" in page and FACTION_COLOURS["government"] not in page
    for bad in ("regime=#123456", "government=red"):
        failed = run_cli("map", str(article), "--colour", bad, "-o", str(tmp_path / "b.html"))
        assert failed.returncode == 2 and len(failed.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "b.html").exists()
