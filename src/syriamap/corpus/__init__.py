"""Many articles: the batch runner (local processes or Dask), GeoParquet, and the corpus read
back as control history and flows.

``batch`` runs the pipeline over a JSONL file, a folder or a glob, from these parts: ``jobs``
reads the input into jobs, ``worker`` is what runs in a worker process (one article → one
row), ``pool`` is the executor contract, the local process pool and rows in input order,
``dask_runner`` the same tasks on a ``dask.distributed`` cluster, and ``resume`` the partial
file that ``--resume`` continues.  ``geoparquet`` writes the GeoParquet table; ``history``
reads saved extractions back into who held which place when, and the flows between places.
"""

from .batch import BatchSummary, run_batch
from .history import (
    Corpus,
    Flow,
    Holding,
    Report,
    control_history,
    flows,
    holder_on,
    read_corpus,
)
from .jobs import ArticleJob, GazetteerSpec, iter_jobs
from .resume import partial_path
from .worker import process_job

__all__ = [
    "ArticleJob",
    "BatchSummary",
    "Corpus",
    "Flow",
    "GazetteerSpec",
    "Holding",
    "Report",
    "control_history",
    "flows",
    "holder_on",
    "iter_jobs",
    "partial_path",
    "process_job",
    "read_corpus",
    "run_batch",
]
