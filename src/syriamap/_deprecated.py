"""The 0.1 module paths, kept working for one release with a :class:`DeprecationWarning`.

0.2 moved the flat modules into one subpackage per pipeline stage (``docs/architecture.md``).
Code that imports an old path (``from syriamap.geoparse import find_places``) still runs, and
is told where the name lives now.  The old modules are not files: each is a small module
object registered in :data:`sys.modules` by :func:`install`, whose ``__getattr__`` (PEP 562)
warns and hands over the object from its new home.  Files could not do this for
``syriamap.extract``: importing a submodule file binds it on the package, which would replace
the function :func:`syriamap.extract` with a module.
"""

from __future__ import annotations

import importlib
import sys
import types
import warnings
from typing import Any

#: The release that drops the old paths.
REMOVED_IN = "0.3"

#: Old module (under ``syriamap.``) → the modules, in order, where its names live now.
MOVED: dict[str, tuple[str, ...]] = {
    "extract": ("pipeline", "formats", "text"),
    "geoparse": ("places", "places.geoparse"),
    "article": ("text", "text.article"),
    "dates": ("text", "text.dates"),
    "fetch": ("text.fetch",),
    "names": ("gazetteer.names",),
    "place": ("gazetteer.place",),
    "overlay": ("gazetteer.overlay",),
    "geocoder": ("gazetteer.geocoder",),
    "geonames_import": ("gazetteer.geonames",),
    "export": ("gazetteer.export", "output"),
    "render": ("maps", "maps.article_map", "maps.page", "maps.geometry", "maps.fragments"),
    "corpus_map": ("maps", "maps.corpus_map"),
    "elements": ("maps.elements",),
    "batch": (
        "corpus",
        "corpus.batch",
        "corpus.jobs",
        "corpus.pool",
        "corpus.worker",
        "corpus.resume",
    ),
    "batch_dask": ("corpus.dask_runner",),
    "batch_parquet": ("corpus.geoparquet",),
}

#: Old modules that must not be bound as attributes of the package, because the package has a
#: public function of the same name.
SHADOWED = frozenset({"extract"})


def _lookup(old: str, name: str) -> Any:
    for new in MOVED[old]:
        module = importlib.import_module(f"syriamap.{new}")
        if hasattr(module, name):
            return getattr(module, name), new
    raise AttributeError(f"module 'syriamap.{old}' has no attribute {name!r}")


def _shim(old: str) -> types.ModuleType:
    module = types.ModuleType(f"syriamap.{old}", f"Moved: see syriamap.{MOVED[old][0]}.")

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value, new = _lookup(old, name)
        warnings.warn(
            f"syriamap.{old}.{name} moved to syriamap.{new}.{name}; the old path goes in "
            f"{REMOVED_IN}",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


def install(package: types.ModuleType) -> None:
    """Register every old path; called once, at the end of ``syriamap/__init__.py``."""
    for old in MOVED:
        name = f"syriamap.{old}"
        shim = sys.modules.setdefault(name, _shim(old))
        if old not in SHADOWED:
            setattr(package, old, shim)
