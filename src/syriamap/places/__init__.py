"""Places in text: the geoparser that finds place names and resolves them in context.

Stage 3 of the pipeline.  ``geoparse.find_places`` joins the steps: ``tokens`` finds the
capitalised and Arabic-script runs of a text, ``scanner`` judges which of them name a place
and asks the gazetteer about each, and ``context`` settles ambiguous readings with the rest of
the document (a town in the governorate the article names wins over a namesake abroad).  The
words the scanner judges by (titles, demonyms, feature words ...) are data, ``words.toml``,
read by ``words``.  ``stage`` adds the mentions to a :class:`~syriamap.document.Document`.
"""

from ..document import Mention
from .geoparse import find_places
from .stage import add_places

__all__ = ["Mention", "add_places", "find_places"]
