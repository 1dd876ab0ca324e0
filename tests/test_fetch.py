"""The URL policy of :mod:`syriamap.text.fetch`: what a URL from input may make the tool fetch.

Every request goes to an HTTP server these tests start on 127.0.0.1, which is itself a
loopback address: refused by default, fetched with ``allow_private``.  The server records each
request, so "refused" is checked as "the server saw nothing"."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from syriamap.errors import InputError
from syriamap.text import read_article, read_url
from syriamap.text.fetch import MAX_REDIRECTS, check_address, fetch_url

STORY = b"Opposition fighters captured Hama on Thursday, residents said."


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []  # noqa: RUF012 — (path, Host), written by the server

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Host", "")))
        if self.path.startswith("/hop/"):  # /hop/N redirects N more times, then to /story
            left = int(self.path.rsplit("/", 1)[1])
            self._redirect(f"/hop/{left - 1}" if left > 1 else "/story")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"Hama " * 13_000)
            except OSError:
                return
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(STORY)))
            self.end_headers()
            self.wfile.write(STORY)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(serve) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (any free port); its base URL, with a fresh log."""
    _Handler.seen = []
    with serve(_Handler) as base:
        yield base


def _port(server: str) -> str:
    return server.rsplit(":", 1)[1]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),  # the cloud metadata service
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "private"),  # reserved, which ipaddress also counts as private
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused_with_their_reason(address: str, reason: str) -> None:
    assert check_address(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert check_address(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "0x7f000001"])
def test_a_loopback_url_is_refused_by_default_and_nothing_is_requested(
    server: str, host: str
) -> None:
    url = f"http://{host}:{_port(server)}/story"
    with pytest.raises(InputError) as err:
        read_article(url)
    message = str(err.value)
    assert "refused" in message and "loopback" in message and "--allow-private-urls" in message
    assert "\n" not in message
    assert _Handler.seen == []


def test_allow_private_fetches_a_loopback_url_sending_its_own_host_name(server: str) -> None:
    url = f"http://localhost:{_port(server)}/story"
    article = read_article(url, allow_private=True)
    assert article.text == STORY.decode() and article.url == url
    # connected to the checked address, but the Host header is still the URL's name
    assert _Handler.seen == [("/story", f"localhost:{_port(server)}")]


def test_five_redirects_are_followed_and_a_sixth_is_refused(server: str) -> None:
    article = read_url(f"{server}/hop/{MAX_REDIRECTS}", allow_private=True)
    assert article.text == STORY.decode() and article.url == f"{server}/story"
    _Handler.seen.clear()
    with pytest.raises(InputError) as err:
        read_url(f"{server}/hop/{MAX_REDIRECTS + 1}", allow_private=True)
    assert "more than 5 redirects" in str(err.value)
    assert "/story" not in [path for path, _ in _Handler.seen]


def test_a_redirect_to_a_file_url_is_refused_even_with_allow_private(server: str) -> None:
    with pytest.raises(InputError) as err:
        read_url(f"{server}/to-file", allow_private=True)
    assert "only http:// and https://" in str(err.value) and "file:" in str(err.value)
    assert "root:" not in str(err.value)


@pytest.mark.parametrize(
    "url", ["/etc/passwd", "file:///etc/passwd", "ftp://example.org/x", "data:text/plain,Hama"]
)
def test_read_url_never_reads_anything_but_http(url: str) -> None:
    with pytest.raises(InputError) as err:
        read_url(url)
    assert "only http:// and https://" in str(err.value)
    assert "root:" not in str(err.value)


def test_an_endless_body_stops_at_the_size_limit(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(InputError) as err:
        read_url(f"{server}/endless", allow_private=True, max_bytes=200_000)
    assert "larger than 200000 bytes" in str(err.value)
    assert time.monotonic() - start < 10


def test_a_trickling_server_is_cut_off_when_the_whole_fetch_time_is_up(server: str) -> None:
    # every read gets a byte well within any per-read timeout: only a total bound stops it
    start = time.monotonic()
    with pytest.raises(InputError) as err:
        fetch_url(
            f"{server}/trickle",
            name="trickle",
            max_bytes=1_000_000,
            timeout=1.0,
            user_agent="test",
            allow_private=True,
        )
    assert str(err.value) == "trickle: timed out after 1 s"
    assert time.monotonic() - start < 5


def test_the_cli_refuses_a_loopback_url_in_one_line_unless_allowed(run_cli, server, tmp_path):
    url = f"{server}/story"
    for command in (["extract", url], ["map", url, "-o", str(tmp_path / "map.html")]):
        refused = run_cli(*command)
        assert refused.returncode == 2
        assert refused.stderr.startswith("syriamap: error: ") and "loopback" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1, refused.stderr
        assert _Handler.seen == []
    assert not (tmp_path / "map.html").exists()
    allowed = run_cli("extract", url, "--allow-private-urls")
    assert allowed.returncode == 0, allowed.stderr
    assert '"Hama"' in allowed.stdout
    mapped = run_cli("map", url, "--allow-private-urls", "-o", str(tmp_path / "map.html"))
    assert mapped.returncode == 0, mapped.stderr
    assert (tmp_path / "map.html").exists()
