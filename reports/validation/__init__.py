"""Validation rules held as data (``reports.validation_models.ValidationRule``), applied.

``engine``: pure functions over already-loaded figures and rules (no query), so the save
service, the forms, the submit page and the reading view judge a figure the same way.
``reports.selectors.validation`` loads a whole report's data in a fixed number of queries.
"""
