"""Places in text: the geoparser that finds place names and resolves them in context.

Stage 3 of the pipeline.  ``geoparse`` scans the capitalised words and Arabic-script runs of a
text, asks the gazetteer about each, and settles ambiguous readings with the rest of the
document (a town in the governorate the article names wins over a namesake abroad);
``stage`` adds the mentions to a :class:`~syriamap.document.Document`.
"""

from ..document import Mention
from .geoparse import find_places
from .stage import add_places

__all__ = ["Mention", "add_places", "find_places"]
