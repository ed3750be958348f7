"""Reads of the roadmap app."""
