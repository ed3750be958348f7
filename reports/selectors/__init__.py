"""Reads: what each page shows, fetched in a fixed number of queries whatever the number
of rows. One module per page family; every read is a typed function taking keyword
arguments only. Views and services import them from here (the module, not this package):
``from ..selectors.queue import queue_rows``.

- ``reports``: one report as its reader may see it (404 otherwise), the home list, what a
  report page says about its past.
- ``queue``: the reviewer queue.
- ``reading``: the reading view's sections.
- ``history``: a report's audit trail.
- ``activities``: a report's activities with their totals, and its indicator values.
- ``threads``: the review threads of a report, by item and by section.
- ``evidence``: a report's evidence files, by what they are attached to.
"""
