"""The built wheel carries the gazetteer and the map assets: a plain install works away from
the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from syriamap.events.lexicon import FILES as LEXICON_FILES

ROOT = Path(__file__).resolve().parent.parent
ASSETS = "src/syriamap/maps/assets"


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_resolves_elsewhere(tmp_path: Path, request) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    wheel = next(dist.glob("syriamap-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    lexicon = {n for n in names if n.startswith("syriamap/events/lexicon/")}
    assert {f"syriamap/events/lexicon/{name}.toml" for name in LEXICON_FILES} <= lexicon
    assert "syriamap/places/words.toml" in names
    packed = {n for n in names if n.startswith("syriamap/maps/assets/")}
    shipped = {f"syriamap/maps/assets/{p.name}" for p in (ROOT / ASSETS).iterdir()}
    assert packed == shipped and len(shipped) >= 6
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, syriamap; p = syriamap.Gazetteer.default().resolve('Deir Ezzor');"
        "print(json.dumps([p.name, p.country, syriamap.__file__]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [python, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    name, country, location = json.loads(out)
    assert (name, country) == ("Deir ez-Zor", "SY")
    assert str(env_dir) in location and str(ROOT) not in location
    cli = subprocess.run(
        [env_dir / "bin" / "syriamap", "geocode", "--json", "حماة"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0 and json.loads(cli.stdout)[0]["name"] == "Hama"
    drawn = subprocess.run(
        [
            env_dir / "bin" / "syriamap",
            "map",
            ROOT / "examples" / "example-article.txt",
            "-o",
            "m.html",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert drawn.returncode == 0, drawn.stderr
    page = (elsewhere / "m.html").read_text(encoding="utf-8")
    for name in ("map.js", "legend.css", "panel.css"):  # inlined from the installed files
        lines = (ROOT / ASSETS / name).read_text(encoding="utf-8").splitlines()
        assert all(line.strip() in page for line in lines), name
    if shutil.which("chromedriver") or os.environ.get("SYRIAMAP_BROWSER_TESTS") == "1":
        loaded = request.getfixturevalue("open_page")(page)
        assert [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"] == []
        assert loaded.execute_script(
            "return document.querySelectorAll('path.syriamap-control-change').length"
            " && document.querySelectorAll('[data-sm-place]').length"
            " && document.getElementById('sm-legend').offsetHeight"
        )
