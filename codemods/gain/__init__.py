"""What a migration gains: the cost of the default run before and after, and what keeps it heavy.

``assess`` (called by ``codemods.api.migrate`` when the CLI asks) measures whole pytest
processes on temporary copies of the project (``measure``), or, with ``--no-measure``, estimates
from the heavy imports the always-loaded layers still run (``estimate``); either way it lists
the blockers with a remedy each (``blockers``). ``Gain`` (``report``) is the data the summary
prints and ``--output-format json`` can carry.
"""
