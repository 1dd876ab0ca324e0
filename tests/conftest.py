"""Shared fixtures: the real shipped gazetteer and a runner for the real console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from syriamap import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# Property tests (tests/test_properties.py) try the same examples on every run and machine
# (derandomized, no example database), few enough to keep the suite fast; the deadline is the
# "bounded time" they assert, generous for a loaded CI machine.
settings.register_profile(
    "syriamap",
    derandomize=True,
    database=None,
    max_examples=60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
# SYRIAMAP_HYPOTHESIS_PROFILE=thorough: random examples, many more, to hunt for new failures.
settings.register_profile(
    "thorough", parent=settings.get_profile("syriamap"), derandomize=False, max_examples=1000
)
settings.load_profile(os.environ.get("SYRIAMAP_HYPOTHESIS_PROFILE", "syriamap"))


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (any free port) answering with ``handler``; its base
    URL, shut down on leaving."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Callable[[type[BaseHTTPRequestHandler]], AbstractContextManager[str]]:
    """``with serve(Handler) as base_url:`` — a loopback server for the tests that fetch."""
    return serving


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _syriamap_command() -> list[str]:
    script = shutil.which("syriamap", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "syriamap.cli"]


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed ``syriamap`` script in a real subprocess (no network needed)."""
    command = _syriamap_command()

    def run(
        *args: str, stdin: bytes | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*command, *args],
            input=stdin,
            capture_output=True,
            cwd=cwd,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=120,
        )
        return subprocess.CompletedProcess(
            result.args,
            result.returncode,
            result.stdout.decode("utf-8"),
            result.stderr.decode("utf-8"),
        )

    return run


# --- a real headless Chromium for the maps ------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MANDATORY = os.environ.get("SYRIAMAP_BROWSER_TESTS") == "1"


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        if MANDATORY:
            pytest.fail("SYRIAMAP_BROWSER_TESTS=1 but chromium/chromedriver are not installed")
        pytest.skip("Debian chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,800",
        # the network is blocked: any request the page makes fails (and is seen)
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def open_page(browser, tmp_path_factory):
    """Open an HTML page (a string) from a real file in the shared browser."""

    def opened(page: str):
        path = tmp_path_factory.mktemp("page") / "map.html"
        path.write_text(page, encoding="utf-8")
        browser.get(path.as_uri())
        browser.implicitly_wait(2)
        return browser

    return opened
