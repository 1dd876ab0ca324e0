"""The gazetteer: place names → places, offline, in any common spelling or script.

Stage 1 of the pipeline, and usable on its own.  ``names`` folds spellings to match keys,
``core`` holds :class:`Gazetteer` (the SQLite store, match tiers, ranking, ``reverse`` and
``where``), ``place`` the values it returns, ``overlay`` the user's own place files,
``geonames`` the GeoNames dump import and ``export`` the CSV/GeoJSON export.  The geopy adapter
is ``syriamap.gazetteer.geocoder.SyriamapGeocoder``; it is not imported here, so that using
the gazetteer does not load geopy.
"""

from .core import (
    MIN_SCORE,
    NEIGHBOURS,
    Gazetteer,
    check_name,
    check_point,
    decode_entries,
    default_order,
    encode_entries,
    haversine_km,
    region_rank,
)
from .names import fold, skeleton
from .place import Candidate, Place, Whereabouts

__all__ = [
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
