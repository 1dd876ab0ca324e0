"""syriamap: turn news about the war in Syria into maps.

The gazetteer resolves any common spelling of a place, Latin or Arabic script, offline:

>>> from syriamap import Gazetteer
>>> Gazetteer.default().resolve("Dayr az-Zawr")
Place('Deir ez-Zor', 35.34, 40.14, country='SY')
"""

from ._version import __version__
from .errors import DataError, InputError, PlaceNotFound, SyriamapError
from .gazetteer import Gazetteer
from .place import Candidate, Place

__all__ = [
    "Candidate",
    "DataError",
    "Gazetteer",
    "InputError",
    "Place",
    "PlaceNotFound",
    "SyriamapError",
    "__version__",
]
