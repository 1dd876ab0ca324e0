"""The files a map page inlines: our own (``assets/``) and the vendored Leaflet and jQuery.

Why a module: the JavaScript, CSS and HTML templates of our map elements are real files in the
package (linted, diffed and read as what they are, not as Python strings), and each is read
once per process (``importlib.resources``, so it works from a wheel or a zip) and then served
from memory: a corpus run draws many pages.  These files are ours, so they may be template
source (``legend.html``) or inlined as trusted markup; nothing from an article ever is.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["asset", "vendor"]

#: The registry packages that ship the vendored libraries (``xstatic-leaflet``, ``-jquery``).
_VENDORS = {"leaflet": "xstatic.pkg.leaflet", "jquery": "xstatic.pkg.jquery"}


@cache
def asset(name: str) -> str:
    """The text of ``assets/<name>`` in this package.

    >>> "window.addEventListener('load'" in asset("map.js")
    True
    """
    return (
        resources.files(__name__.rpartition(".")[0])
        .joinpath("assets", name)
        .read_text(encoding="utf-8")
    )


@cache
def vendor(package: str, name: str) -> str:
    """The text of ``name`` in the data folder of the vendored ``package`` ("leaflet",
    "jquery")."""
    return resources.files(_VENDORS[package]).joinpath("data", name).read_text(encoding="utf-8")
