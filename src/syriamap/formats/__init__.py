"""An article's facts as one :class:`Extraction`, and its JSON, GeoJSON and CSV forms.

What the pipeline returns and every tool writes; ``docs/schema.md`` documents the JSON form.
"""

from .extraction import (
    CSV_COLUMNS,
    SCHEMA_VERSION,
    Extraction,
    extraction_from_dict,
    extraction_from_geojson,
)

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "Extraction",
    "extraction_from_dict",
    "extraction_from_geojson",
]
