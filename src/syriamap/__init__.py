"""syriamap: turn news about the war in Syria into maps.

The package is the pipeline, one subpackage per stage (``docs/architecture.md``):
``gazetteer`` → ``text`` → ``places`` → ``events`` → ``formats``, run by ``pipeline``;
``corpus`` and ``maps`` consume what it makes, and ``cli`` is the command line.

The gazetteer resolves any common spelling of a place, Latin or Arabic script, offline:

>>> from syriamap import Gazetteer
>>> Gazetteer.default().resolve("Dayr az-Zawr")
Place('Deir ez-Zor', 35.34, 40.14, country='SY')

and :func:`extract` reads an article's facts:

>>> import syriamap
>>> result = syriamap.extract("Rebels captured Hama on Dec. 5, 2024.")
>>> [(c.place.name, c.new_controller) for c in result.control_changes]
[('Hama', 'opposition')]
"""

import sys as _sys

from . import _deprecated
from ._version import __version__
from .document import ControlChange, Document, Evidence, Mention, Movement, Sentence
from .errors import DataError, InputError, PlaceNotFound, SyriamapError
from .formats import Extraction
from .gazetteer import Candidate, Gazetteer, Place, Whereabouts
from .pipeline import extract, extract_article, extract_document
from .places import find_places

__all__ = [
    "Candidate",
    "ControlChange",
    "DataError",
    "Document",
    "Evidence",
    "Extraction",
    "Gazetteer",
    "InputError",
    "Mention",
    "Movement",
    "Place",
    "PlaceNotFound",
    "Sentence",
    "SyriamapError",
    "Whereabouts",
    "__version__",
    "extract",
    "extract_article",
    "extract_document",
    "find_places",
]

_deprecated.install(_sys.modules[__name__])
