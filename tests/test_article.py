"""Reading an article from a file, standard input or a local web server into clean text.

Every example article here is invented for the tests.  The only network traffic is to an HTTP
server the tests start themselves on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from syriamap.errors import InputError, SyriamapError
from syriamap.text import (
    Article,
    article_from_html,
    article_from_text,
    find_dateline,
    read_article,
)

PARAGRAPHS = [
    "Heavy rain on Thursday raised the river near Example Town by two metres, and local "
    "officials closed the old stone bridge to traffic while engineers checked its supports.",
    "The regional council said it had opened two schools as shelters for families from the "
    "lower districts, and volunteers handed out blankets and bread through the night.",
    "A council spokesperson said the bridge would stay closed until the water level drops, "
    "which forecasters expect by the end of the week.",
]
HEADLINE = "Floods close the river crossing at Example Town"


def page(*, published_meta: str | None = "2024-12-06T10:00:00Z", charset: str = "utf-8") -> str:
    meta = (
        f'<meta property="article:published_time" content="{published_meta}">'
        if published_meta
        else ""
    )
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{HEADLINE} | The Daily Sample</title>
{meta}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/subscribe">Subscribe to the Daily Sample newsletter</a></li></ul></nav>
<article>
<h1>{HEADLINE}</h1>
{body}</article>
<footer><p>Copyright The Daily Sample. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


BOILERPLATE = ["Subscribe", "World news", "Copyright", "Privacy policy", "Cookie settings"]


def assert_one_line_error(err: pytest.ExceptionInfo[InputError], *parts: str) -> None:
    message = str(err.value)
    assert isinstance(err.value, SyriamapError) and isinstance(err.value, ValueError)
    assert "\n" not in message
    for part in parts:
        assert part in message, message


# --- plain text ---------------------------------------------------------------------------


def test_a_plain_text_file_becomes_the_article_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    article = read_article(str(path))
    assert article.text == "\n\n".join(PARAGRAPHS) + "\n"
    assert article.title is None and article.url is None and article.published is None


def test_line_endings_and_stray_control_characters_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line\r\nSecond\x07 line\rThird\tline\x1b\n")
    article = read_article(str(path))
    assert article.text == "First line\nSecond line\nThird\tline\n"
    assert article.text.index("Second") == len("First line\n")


def test_a_text_file_with_a_dateline_gets_that_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{HEADLINE}\nDec 7, 2024 10:47 AM\n\n{PARAGRAPHS[0]}", encoding="utf-8")
    assert read_article(str(path)).published == date(2024, 12, 7)


def test_article_from_text_takes_title_url_and_published() -> None:
    article = article_from_text(
        PARAGRAPHS[0], title="Floods", url="https://example.org/a", published="2024-12-01"
    )
    assert article == Article(PARAGRAPHS[0], "Floods", date(2024, 12, 1), "https://example.org/a")


def test_the_repr_is_short_even_for_a_long_article() -> None:
    article = article_from_text(" ".join(PARAGRAPHS * 20))
    assert len(repr(article)) < 200 and repr(article).startswith("Article('Heavy rain")


# --- HTML ---------------------------------------------------------------------------------


def test_an_html_file_gives_main_text_title_and_metadata_date(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(), encoding="utf-8")
    article = read_article(str(path))
    assert article.title == HEADLINE
    assert article.published == date(2024, 12, 6)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert article.text.startswith("Heavy rain"), "the title is not part of the text"
    for junk in BOILERPLATE:
        assert junk not in article.text


def test_html_is_recognised_by_content_not_by_file_name(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(page(), encoding="utf-8")
    article = read_article(str(path))
    assert article.title == HEADLINE and "<p>" not in article.text


def test_the_published_argument_wins_over_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(), encoding="utf-8")
    assert read_article(str(path), published="2024-12-08").published == date(2024, 12, 8)
    assert read_article(str(path), published=date(2024, 12, 9)).published == date(2024, 12, 9)


def test_a_page_without_date_metadata_falls_back_to_its_dateline() -> None:
    html = page(published_meta=None).replace(
        f"<p>{PARAGRAPHS[0]}", f"<p>Published: 7 December 2024</p><p>{PARAGRAPHS[0]}"
    )
    assert article_from_html(html).published == date(2024, 12, 7)


def test_a_page_with_no_date_anywhere_has_none() -> None:
    assert article_from_html(page(published_meta=None)).published is None


def test_the_title_element_is_the_fallback_title() -> None:
    html = "<html><head><title>River &amp; bridge</title></head><body><p>Water rose.</p></body>"
    assert article_from_html(html + "</html>").title == "River & bridge"


def test_a_page_with_no_text_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        article_from_html("<html><head><title>Empty</title></head><body></body></html>")
    assert_one_line_error(err, "no article text")


def test_a_declared_html_charset_decodes_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    html = page(charset="windows-1252").replace("Example Town", "Example Town café")
    path.write_bytes(html.encode("windows-1252"))
    article = read_article(str(path))
    assert "Example Town café by two metres" in article.text


# --- datelines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Dec 7, 2024 10:47 AM",
        "December 7, 2024",
        "7 December 2024",
        "2024-12-07",
        "Dec. 7, 2024",
        "Updated: Saturday, December 7, 2024 at 10:47",
        "By A. Writer | 7 Dec 2024",
        "EXAMPLE CITY, Dec. 7, 2024 (Wire) -",
        "Sat 7 Dec 2024 10.47 GMT",
        "UPDATED: SATURDAY, DECEMBER 7, 2024 AT 10:47",
    ],
)
def test_a_dateline_near_the_top_gives_the_date(line: str) -> None:
    assert find_dateline(f"{HEADLINE}\n{line}\n\n{PARAGRAPHS[0]}") == date(2024, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels took the town on Dec. 5, 2024, officials said.",
        "The bridge reopened on December 5.",
        "Friday\nThe bridge reopened.",
        "February 30, 2024",
        "",
    ],
)
def test_no_dateline_means_no_date(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Beirut, December 9, 2024 — Rebels said on Sunday", date(2024, 12, 9)),
        ("Reyhanli, Turkey, January 20, 2025 - Families crossed at dawn", date(2025, 1, 20)),
        ("Damascus, 9 December 2024 (Reuters) - Rebels said on Sunday", date(2024, 12, 9)),
        ("BEIRUT, Dec 9, 2024 (AP) — Rebels said on Sunday", date(2024, 12, 9)),
        ("Idlib, Syria — Dec. 3, 2024: Rebels said on Tuesday", date(2024, 12, 3)),
        ("DEIR EZ-ZOR, Syria, Dec. 9, 2024 (AFP) - Fighters left", date(2024, 12, 9)),
        ("Deir ez-Zor, Syria, 9 Dec 2024 – Fighters left", date(2024, 12, 9)),
        ("Şanlıurfa, Türkiye, 9 December 2024 – Families crossed", date(2024, 12, 9)),
        ("BEIRUT, Sunday, Dec 8, 2024 — Rebels entered the capital", date(2024, 12, 8)),
        ("DAMASCUS, DEC. 9, 2024 — Rebels said on Monday", date(2024, 12, 9)),
        ("Damascus, 9TH DECEMBER 2024 — Rebels said on Monday", date(2024, 12, 9)),
    ],
)
def test_a_newswire_dateline_in_title_or_upper_case_gives_the_date(
    opening: str, expected: date
) -> None:
    text = f"{opening}, and officials said the road was open.\n\n{PARAGRAPHS[1]}"
    assert find_dateline(text) == expected
    assert find_dateline(f"{HEADLINE}\n\n{text}") == expected, "after a headline line"
    assert find_dateline(f"{HEADLINE}\n\nBy Staff, Agencies\n\n{text}") == expected


def test_a_dateline_opening_a_long_unbroken_paragraph_gives_the_date() -> None:
    text = "Beirut, December 9, 2024 — " + " ".join(PARAGRAPHS * 10)
    assert "\n" not in text and len(text) > 2000
    assert find_dateline(text) == date(2024, 12, 9)


def test_where_a_long_line_is_cut_is_not_the_end_of_a_dateline() -> None:
    # the first 200 characters end just after "Dec 9", as a dateline alone on its line would
    line = "A" + "a" * 192 + ", Dec 9 is when they came back, they said on Dec. 5, 2024."
    assert line[:200].endswith(", Dec 9")
    assert find_dateline(line) is None


def test_a_flash_update_dated_on_its_own_line_gives_the_date() -> None:
    text = "Syria: Flash Update No. 3\nDamascus, 10 December 2024\nSituation overview\n"
    assert find_dateline(text + PARAGRAPHS[0]) == date(2024, 12, 10)


def test_a_dateline_without_a_year_takes_the_year_of_the_dates_the_article_writes() -> None:
    story = "ALEPPO, Dec 1 (Reuters) - Rebels held the city they entered on Nov. 29, 2024."
    assert find_dateline(story) == date(2024, 12, 1)
    new_year = "DAMASCUS, Jan 2 (Reuters) - The new rulers, in power since Dec. 8, 2024, met."
    assert find_dateline(new_year) == date(2025, 1, 2)
    assert find_dateline("ALEPPO, Dec 1 (Reuters) - Rebels held the city.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Beirut, the capital, was calm on December 9, 2024, residents said.",
        "DAMASCUS, Syria (AP) — Rebels took Hama on Dec. 5, 2024, and moved south.",
        "Beirut (AFP) – Rebels took Hama on Dec. 5, 2024.",
        "On December 5, 2024: rebels took Hama, a monitor said.",
        "Since December 8, 2024 — the day Assad fell — the border has been open.",
        f"{PARAGRAPHS[0]}\nBeirut, December 9, 2024 — Rebels said on Sunday.",
        f"{HEADLINE}\n{PARAGRAPHS[0]}\nBeirut, December 9, 2024 — Rebels said on Sunday.",
        f"{PARAGRAPHS[0]} Beirut, December 9, 2024 — Rebels said on Sunday.",
        f"{PARAGRAPHS[0]}\nBEIRUT, Dec 9, 2024 (AP) — Rebels said on Sunday.",
    ],
)
def test_a_date_that_does_not_open_the_article_is_not_its_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_a_date_far_down_the_text_is_not_a_dateline() -> None:
    text = "\n".join(PARAGRAPHS * 3) + "\nDecember 7, 2024\n"
    assert find_dateline(text) is None


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x01\x02\x03\x04\x05 some text", "binary"),
        ("Smart quotes “and” more".encode("windows-1252"), "offset 13"),
    ],
)
def test_unusable_files_are_one_line_input_errors(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_article(str(path))
    assert_one_line_error(err, str(path), expected)


def test_a_file_larger_than_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("a" * 101, encoding="utf-8")
    assert read_article(str(path), max_bytes=101).text == "a" * 101
    with pytest.raises(InputError) as err:
        read_article(str(path), max_bytes=100)
    assert_one_line_error(err, str(path), "larger than 100 bytes")


def test_a_missing_file_or_a_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_article(str(tmp_path / "nowhere.txt"))
    assert_one_line_error(err, "nowhere.txt", "no such file")
    with pytest.raises(InputError) as err:
        read_article(str(tmp_path))
    assert_one_line_error(err, "directory")


@pytest.mark.parametrize("bad", ["07/12/2024", "2024-12-7", "2024-13-01", "yesterday", "2024"])
def test_a_published_date_not_in_iso_form_is_an_input_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(PARAGRAPHS[0], encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_article(str(path), published=bad)
    assert_one_line_error(err, repr(bad), "is not YYYY-MM-DD")


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(InputError) as err:
        read_article("ftp://127.0.0.1/story.txt")
    assert_one_line_error(err, "only http:// and https://")


# --- standard input, in a real process ----------------------------------------------------

STDIN_SCRIPT = """
import json, sys
from syriamap.text import read_article
from syriamap.errors import InputError
try:
    article = read_article("-")
except InputError as err:
    print(err, file=sys.stderr)
    sys.exit(2)
print(json.dumps({"text": article.text, "title": article.title,
                  "published": str(article.published)}))
"""


def run_stdin(data: bytes) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-c", STDIN_SCRIPT],
        input=data,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_dash_reads_plain_text_from_standard_input() -> None:
    result = run_stdin(f"2024-12-07\r\n{PARAGRAPHS[1]}".encode())
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["text"] == f"2024-12-07\n{PARAGRAPHS[1]}"
    assert out["published"] == "2024-12-07"


def test_dash_reads_html_from_standard_input() -> None:
    result = run_stdin(page().encode())
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["title"] == HEADLINE and out["published"] == "2024-12-06"
    assert "Subscribe" not in out["text"]


def test_empty_standard_input_is_a_one_line_error() -> None:
    result = run_stdin(b"")
    assert result.returncode == 2
    assert result.stderr.strip() == "standard input: empty (no text)"


# --- URLs, from a server on 127.0.0.1 (a loopback address: allow_private) ----------------

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/story": (200, "text/html; charset=utf-8", page().encode()),
    "/notes": (200, "text/plain; charset=windows-1256", "قصف على الجسر".encode("cp1256")),
    "/big": (200, "text/plain", b"x" * 5000),
}


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 — written by the server thread, read by tests

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, serve) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (any free port); its base URL."""
    for variable in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(variable, "127.0.0.1,localhost")
    with serve(_Handler) as base:
        yield base


def test_a_url_is_fetched_and_read_as_a_web_page(server: str) -> None:
    article = read_article(f"{server}/story", allow_private=True)
    assert article.url == f"{server}/story"
    assert article.title == HEADLINE and article.published == date(2024, 12, 6)
    assert PARAGRAPHS[2] in article.text
    for junk in BOILERPLATE:
        assert junk not in article.text
    assert _Handler.user_agents[-1].startswith("syriamap/")


def test_a_url_charset_from_the_http_header_decodes_the_body(server: str) -> None:
    assert read_article(f"{server}/notes", allow_private=True).text == "قصف على الجسر"


def test_a_url_answering_404_is_an_input_error(server: str) -> None:
    with pytest.raises(InputError) as err:
        read_article(f"{server}/gone", allow_private=True)
    assert_one_line_error(err, f"{server}/gone", "HTTP 404")


def test_a_url_body_larger_than_max_bytes_is_refused(server: str) -> None:
    with pytest.raises(InputError) as err:
        read_article(f"{server}/big", max_bytes=4999, allow_private=True)
    assert_one_line_error(err, "larger than 4999 bytes")


def test_a_refused_connection_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(variable, "127.0.0.1,localhost")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError) as err:
        read_article(f"http://127.0.0.1:{port}/story", allow_private=True)
    assert_one_line_error(err, "cannot fetch", "refused")


def test_a_page_with_broken_date_metadata_is_still_read() -> None:
    from syriamap.text import article_from_html

    page = (
        "<html><head><title>Hama</title>"
        '<meta property="article:published_time" content="2024-12-05T10:00:00+25:00">'
        "</head><body><article><p>Syrian rebels captured the central city of Hama from "
        "government forces on Thursday, residents and monitors said.</p><p>Thousands fled "
        "south toward Homs as the army withdrew.</p></article></body></html>"
    )
    article = article_from_html(page)
    assert "captured the central city of Hama" in article.text


def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path) -> None:
    from syriamap.text import read_article

    path = tmp_path / "unicode.txt"
    path.write_bytes("Rebels captured Hama.\r\nحماة".encode("utf-16"))
    assert read_article(str(path)).text == "Rebels captured Hama.\nحماة"


# --- one reading for the Python API and the command line ----------------------------------

WIRE_STORY = (
    "Rebels take Hama\n\n"
    "Beirut, December 8, 2024 — Syrian rebels captured Hama on Thursday, a monitor said. "
    "Iranian staff flew from Damascus to Tehran on Saturday.\n"
)


def _dates(data: dict[str, object]) -> tuple[object, ...]:
    changes = data["control_changes"]
    movements = data["movements"]
    assert isinstance(changes, list) and isinstance(movements, list)
    source = data["source"]
    assert isinstance(source, dict)
    return (
        source["published"],
        source["title"],
        [(c["place"]["name"], c["date"]) for c in changes],
        [(m["origin"]["name"], m["date"]) for m in movements],
    )


def test_python_extract_and_the_command_line_read_the_same_dates(tmp_path: Path, run_cli) -> None:
    from syriamap import extract

    path = tmp_path / "story.txt"
    path.write_text(WIRE_STORY, encoding="utf-8")
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    expected = (
        "2024-12-08",
        "Rebels take Hama",
        [("Hama", "2024-12-05")],  # the Thursday before the dateline's Sunday
        [("Damascus", "2024-12-07")],
    )
    assert _dates(json.loads(result.stdout)) == expected
    assert _dates(extract(WIRE_STORY).to_dict()) == expected


def test_a_published_date_given_explicitly_wins_over_the_dateline(tmp_path: Path, run_cli) -> None:
    from syriamap import extract

    path = tmp_path / "story.txt"
    path.write_text(WIRE_STORY, encoding="utf-8")
    result = run_cli("extract", str(path), "--published", "2024-12-20")
    assert result.returncode == 0, result.stderr
    expected = (
        "2024-12-20",
        "Rebels take Hama",
        [("Hama", "2024-12-19")],
        [("Damascus", "2024-12-14")],
    )
    assert _dates(json.loads(result.stdout)) == expected
    assert _dates(extract(WIRE_STORY, published="2024-12-20").to_dict()) == expected


def test_the_dateline_is_no_part_of_the_first_sentence_or_its_date() -> None:
    from syriamap import extract

    (change,) = extract(WIRE_STORY).control_changes
    assert change.evidence.text == "Syrian rebels captured Hama on Thursday, a monitor said."
    assert WIRE_STORY[change.evidence.start : change.evidence.end] == change.evidence.text


def test_python_extract_refuses_empty_text_as_the_command_line_does() -> None:
    from syriamap import extract

    with pytest.raises(InputError) as err:
        extract(" \n ")
    assert_one_line_error(err, "empty")
