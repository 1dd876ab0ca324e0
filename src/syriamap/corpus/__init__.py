"""Many articles: the batch runner (local processes or Dask), GeoParquet, and the corpus read
back as control history and flows.

``batch`` runs the pipeline over a JSONL file, a folder or a glob in worker processes, with
resume; ``dask_runner`` sends the same tasks to a ``dask.distributed`` cluster;
``geoparquet`` writes the GeoParquet table; ``history`` reads saved extractions back into
who held which place when, and the flows between places.
"""

from .batch import (
    ArticleJob,
    BatchSummary,
    GazetteerSpec,
    iter_jobs,
    partial_path,
    process_job,
    run_batch,
)
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
