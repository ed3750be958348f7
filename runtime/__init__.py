"""Shared ground for every app: how the Python process runs requests and jobs.

``stack_room`` works around a slowness of CPython 3.11's frame stack for the deep
recursions of template rendering and PDF layout. Nothing here imports an app of the project.
"""
