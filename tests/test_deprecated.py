"""The 0.1 module paths keep working for this release, each with a DeprecationWarning that
names the new path, and ``syriamap.extract`` stays the function whatever is imported."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

import syriamap
from syriamap._deprecated import MOVED

#: One name per old module, and where it lives now.
OLD_PATHS = [
    ("extract", "extract", "syriamap.pipeline"),
    ("extract", "extract_article", "syriamap.pipeline"),
    ("extract", "extraction_from_dict", "syriamap.formats"),
    ("geoparse", "find_places", "syriamap.places"),
    ("article", "read_article", "syriamap.text"),
    ("dates", "find_date", "syriamap.text"),
    ("fetch", "fetch_url", "syriamap.text.fetch"),
    ("names", "fold", "syriamap.gazetteer.names"),
    ("place", "Place", "syriamap.gazetteer.place"),
    ("overlay", "read_overlay_csv", "syriamap.gazetteer.overlay"),
    ("geocoder", "SyriamapGeocoder", "syriamap.gazetteer.geocoder"),
    ("geonames_import", "import_geonames", "syriamap.gazetteer.geonames"),
    ("export", "export", "syriamap.gazetteer.export"),
    ("render", "render_html", "syriamap.maps"),
    ("corpus_map", "render_corpus_html", "syriamap.maps"),
    ("elements", "Legend", "syriamap.maps.elements"),
    ("batch", "run_batch", "syriamap.corpus"),
    ("batch_dask", "dask_runner", "syriamap.corpus.dask_runner"),
    ("batch_parquet", "write_parquet", "syriamap.corpus.geoparquet"),
]


def test_every_old_module_is_covered() -> None:
    assert {old for old, _, _ in OLD_PATHS} == set(MOVED)


@pytest.mark.parametrize(("old", "name", "new"), OLD_PATHS)
def test_an_old_path_warns_and_gives_the_object_from_its_new_home(
    old: str, name: str, new: str
) -> None:
    import importlib

    with pytest.warns(DeprecationWarning, match=rf"syriamap\.{old}\.{name} moved to {new}\."):
        value = getattr(importlib.import_module(f"syriamap.{old}"), name)
    assert value is getattr(importlib.import_module(new), name)
    assert callable(syriamap.extract) and syriamap.extract.__module__ == "syriamap.pipeline"


def test_from_import_of_the_old_extract_module_leaves_the_function_in_place() -> None:
    with pytest.warns(DeprecationWarning, match=r"syriamap\.extract\.extract_article moved"):
        from syriamap.extract import extract_article  # type: ignore[attr-defined]
    assert extract_article is syriamap.extract_article
    assert syriamap.extract.__module__ == "syriamap.pipeline"
    assert syriamap.extract("Rebels captured Hama on Dec. 5, 2024.").control_changes


def test_a_name_the_old_module_never_had_is_an_import_error() -> None:
    with pytest.raises(ImportError):
        from syriamap.geoparse import no_such_name  # type: ignore[attr-defined]  # noqa: F401


def test_the_new_paths_import_without_any_warning() -> None:
    code = (
        "import syriamap, syriamap.cli, syriamap.maps, syriamap.corpus, syriamap.evaluate\n"
        "import syriamap.gazetteer.geocoder\n"
        "syriamap.extract('Rebels captured Hama on Dec. 5, 2024.')\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_warning_points_at_the_line_that_used_the_old_path() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from syriamap.names import fold  # type: ignore[attr-defined]  # noqa: F401
    assert caught and caught[0].filename == __file__
