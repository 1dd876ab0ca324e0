"""``python -m syriamap.cli``: the same command as ``syriamap``."""

from . import main

raise SystemExit(main())
