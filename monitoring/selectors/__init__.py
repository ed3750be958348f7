"""Reads of the monitoring pages, one module per page family. Built on the reports
models; nothing here writes."""
