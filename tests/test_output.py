"""The output-path policy (syriamap.output), through the real console script: '-' is
standard output, a symlink is written through, anything that is not a regular file and any
output that is also an input is refused in one line, leaving everything as it was."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from syriamap.corpus import partial_path

ARTICLE = "Syrian rebels captured Hama from government forces on Dec. 5, 2024.\n"
ROW = {"id": "a", "text": ARTICLE}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps(ROW) + "\n", encoding="utf-8")
    return tmp_path


def _commands(folder: Path, out: str) -> dict[str, tuple[str, ...]]:
    """Each command that takes -o, writing to ``out``."""
    return {
        "extract": ("extract", str(folder / "a.txt"), "-o", out),
        "map": ("map", str(folder / "a.txt"), "-o", out),
        "batch": ("batch", str(folder / "c.jsonl"), "-o", out, "--workers", "1"),
        "export": ("gazetteer", "export", "--kind", "airbase", "-o", out),
    }


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every name in ``folder``: its type and mode, and a regular file's bytes."""
    seen = {}
    for entry in sorted(folder.iterdir()):
        st = entry.lstat()
        body = entry.read_bytes() if stat.S_ISREG(st.st_mode) else None
        seen[entry.name] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), body)
    return seen


def _refused(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


# --- symlinks are written through -------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "map", "batch", "export"])
def test_an_output_that_is_a_symlink_is_written_through_and_stays_a_link(
    run_cli, folder: Path, command: str
) -> None:
    real = folder / "real.out"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = folder / "link.out"
    link.symlink_to("real.out")
    result = run_cli(*_commands(folder, str(link))[command])
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.out"
    assert real.read_text(encoding="utf-8") not in ("", "old\n")  # the target got the output
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # and kept its mode
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "c.jsonl", "link.out", "real.out"]


@pytest.mark.parametrize("command", ["extract", "map", "batch", "export"])
def test_a_symlink_to_a_file_not_yet_written_creates_that_file(
    run_cli, folder: Path, command: str
) -> None:
    (folder / "sub").mkdir()
    link = folder / "link.out"
    link.symlink_to(Path("sub") / "new.out")
    result = run_cli(*_commands(folder, str(link))[command])
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and (folder / "sub" / "new.out").stat().st_size > 0
    assert sorted(p.name for p in (folder / "sub").iterdir()) == ["new.out"]


def test_overwriting_a_file_keeps_its_permissions(run_cli, folder: Path) -> None:
    out = folder / "private.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o600)
    assert run_cli("extract", str(folder / "a.txt"), "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "Hama" in out.read_text("utf-8")


# --- what is not a regular file is refused ------------------------------------------------


@contextlib.contextmanager
def _listening_socket(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        yield
    finally:
        server.close()


@pytest.mark.parametrize("command", ["extract", "map", "batch", "export"])
def test_a_fifo_a_socket_a_directory_or_a_link_to_one_is_refused_and_left_alone(
    run_cli, folder: Path, command: str
) -> None:
    os.mkfifo(folder / "fifo")
    (folder / "dir").mkdir()
    (folder / "to-fifo").symlink_to("fifo")
    with _listening_socket(folder / "sock"):
        before = _snapshot(folder)
        for name, fragment in (
            ("fifo", "is a FIFO, not a regular file"),
            ("sock", "is a socket, not a regular file"),
            ("dir", "is a directory"),
            ("to-fifo", "is a FIFO, not a regular file"),
        ):
            _refused(run_cli(*_commands(folder, str(folder / name))[command]), fragment)
        assert _snapshot(folder) == before  # nothing replaced, no temporary or .partial left
    assert list((folder / "dir").iterdir()) == []


def _device_twin(folder: Path, name: str) -> Path:
    """A character device node with the numbers of /dev/<name>, private to the test."""
    twin = folder / name
    real = os.stat(f"/dev/{name}")
    try:
        os.mknod(twin, stat.S_IFCHR | 0o666, real.st_rdev)
    except PermissionError:
        pytest.skip("creating device nodes needs root (CAP_MKNOD)")
    return twin


@pytest.mark.parametrize("command", ["extract", "map", "batch", "export"])
def test_dev_full_and_dev_null_are_refused_and_stay_character_devices(
    run_cli, folder: Path, command: str
) -> None:
    # Private twins first: a regression then breaks a node in tmp_path and fails here,
    # before the run below could turn the machine's own /dev/full or /dev/null into a file.
    for name in ("full", "null"):
        twin = _device_twin(folder, name)
        _refused(run_cli(*_commands(folder, str(twin))[command]), "is a character device")
        assert stat.S_ISCHR(twin.lstat().st_mode)
    before = _snapshot(folder)
    for device in ("/dev/full", "/dev/null"):
        _refused(run_cli(*_commands(folder, device)[command]), "use -o - for standard output")
        assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert not [n for n in os.listdir("/dev") if n.startswith((".full.", ".null."))]
    assert _snapshot(folder) == before


# --- an output that is an input -----------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "map", "batch"])
def test_an_output_that_is_the_input_is_refused_by_any_name(
    run_cli, folder: Path, command: str
) -> None:
    source = "a.txt" if command != "batch" else "c.jsonl"
    (folder / "alias").symlink_to(source)
    os.link(folder / source, folder / "hardlink")
    before = _snapshot(folder)
    args = {
        "extract": ("extract", source),
        "map": ("map", source),
        "batch": ("batch", source, "--workers", "1"),
    }[command]
    for out in (f"./{source}", str(folder / source), "alias", "hardlink"):
        _refused(run_cli(*args, "-o", out, cwd=folder), "overwrite the input")
    assert _snapshot(folder) == before


def test_standard_input_redirected_from_the_output_file_is_refused_too(folder: Path) -> None:
    corpus = folder / "c.jsonl"
    with corpus.open("rb") as stdin:
        result = subprocess.run(
            [_script(), "batch", "-", "-o", str(corpus), "--workers", "1"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
    _refused(result, "is also the input (standard input)")
    assert json.loads(corpus.read_text(encoding="utf-8")) == ROW


# --- '-' is standard output ---------------------------------------------------------------


def test_dash_is_standard_output_for_extract_map_and_batch(run_cli, folder: Path) -> None:
    extracted = run_cli("extract", "a.txt", "-o", "-", cwd=folder)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["control_changes"][0]["place"]["name"] == "Hama"
    mapped = run_cli("map", "a.txt", "-o", "-", cwd=folder)
    assert mapped.returncode == 0, mapped.stderr
    assert mapped.stdout.startswith("<!DOCTYPE html>") and mapped.stdout.rstrip().endswith(
        "</html>"
    )
    assert "wrote standard output" in mapped.stderr
    batched = run_cli("batch", "c.jsonl", "-o", "-", "--workers", "1", cwd=folder)
    assert batched.returncode == 0, batched.stderr
    rows = [json.loads(line) for line in batched.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a"] and rows[0]["control_changes"]
    assert "wrote standard output" in batched.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "c.jsonl"]  # no file '-'
    assert not partial_path(folder / "-").exists()


def test_batch_dash_reads_jsonl_from_standard_input(run_cli, folder: Path) -> None:
    lines = b"".join(
        json.dumps({"id": str(i), "text": ARTICLE}).encode() + b"\n" for i in range(40)
    )
    result = run_cli("batch", "-", "-o", "-", "--workers", "2", stdin=lines + b"not json\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [*map(str, range(40)), "line 41"]
    assert rows[-1]["error"].startswith("line 41: not JSON")
    out = folder / "o.jsonl"
    to_file = run_cli("batch", "-", "-o", str(out), "--workers", "1", stdin=lines)
    assert to_file.returncode == 0, to_file.stderr
    assert out.read_text(encoding="utf-8").splitlines() == result.stdout.splitlines()[:40]


def test_batch_to_standard_output_cannot_resume(run_cli, folder: Path) -> None:
    _refused(
        run_cli("batch", "c.jsonl", "-o", "-", "--resume", cwd=folder),
        "--resume needs an output file",
    )


def test_map_cannot_open_standard_output(run_cli, folder: Path) -> None:
    _refused(run_cli("map", "a.txt", "-o", "-", "--open", cwd=folder), "--open needs a file")


def _script() -> str:
    """The installed console script, for runs whose stdin or stdout is a real file."""
    script = shutil.which("syriamap", path=str(Path(sys.executable).parent))
    assert script is not None
    return script


@pytest.mark.parametrize("command", ["extract", "map", "batch", "export"])
def test_a_full_standard_output_is_one_line_and_a_non_zero_exit(folder: Path, command: str) -> None:
    args = _commands(folder, "-")[command]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [_script(), *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "standard output: cannot write (No space left" in lines[0]
