"""The gazetteer: place names → places, offline, in any common spelling or script.

Stage 1 of the pipeline, and usable on its own.  ``core`` holds :class:`Gazetteer`, a thin
façade over one module per job: ``checks`` (what a query may hold), ``store`` (the SQLite
artifact), ``layer`` (what overlays add over it), ``matching`` (the match tiers),
``ranking`` (the order of candidates and the regional focus), ``shapes`` (``reverse``,
``where`` and the border rules) and ``outlines`` (the outline index, distances).
``names`` folds spellings to match keys, ``place`` holds the values returned, ``overlay``
reads the user's own place files, ``geonames`` imports a GeoNames dump and ``export`` writes
CSV/GeoJSON.  The geopy adapter is ``syriamap.gazetteer.geocoder.SyriamapGeocoder``; it is
not imported here, so that using the gazetteer does not load geopy.
"""

from .checks import check_name, check_point
from .core import Gazetteer
from .matching import BRIDGE_SCORE, MIN_SCORE
from .names import fold, skeleton
from .place import Candidate, Place, Whereabouts
from .ranking import NEIGHBOURS, default_order, region_rank
from .shapes import haversine_km
from .store import decode_entries, encode_entries

__all__ = [
    "BRIDGE_SCORE",
    "MIN_SCORE",
    "NEIGHBOURS",
    "Candidate",
    "Gazetteer",
    "Place",
    "Whereabouts",
    "check_name",
    "check_point",
    "decode_entries",
    "default_order",
    "encode_entries",
    "fold",
    "haversine_km",
    "region_rank",
    "skeleton",
]
