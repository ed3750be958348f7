"""Shared ground for every app: data held in several languages.

``translatable`` is the abstract model base (one English source text, other languages in one
JSON column, English as the fallback), ``admin_forms`` the admin's one-field-per-language
editing, ``formats`` the number and date formats per language (FORMAT_MODULE_PATH). Nothing
here imports an app of the project.
"""
