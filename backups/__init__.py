"""Backup and restore of the whole portal: the database and MEDIA_ROOT in one archive.

An app only for its management commands (``backup``, ``restore``); it reads no model of the
project, so it sits below every other app.
"""
