"""Forms of the reports app, one module per page family:

- ``entry``: a questionnaire section built from its layout, and the next-steps formset.
- ``activities``: activities and indicator values of a report.
"""
