"""Evidence files (issue 20, part 4): a survey, a case study or a ministry's report
attached to what it proves in a report: a question's answer, an activity or an indicator
value.

- ``model``: the stored file and what it is attached to (imported by ``reports.models``).
- ``checks``: what an upload must be before anything is kept (content, not name).

The one write path is ``reports.services.evidence``; the reads are in
``reports.selectors.evidence``.
"""
