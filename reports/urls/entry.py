"""Questionnaire entry (issue 3): opening a report, section pages, autosave, submit
confirmation."""

from django.urls import path

from ..views import entry, home

urlpatterns = [
    path("open/", home.report_open, name="open"),
    path("<int:pk>/sections/<int:order>/", entry.section, name="section"),
    path("<int:pk>/sections/<int:order>/autosave/", entry.autosave, name="autosave"),
    path("<int:pk>/submit/", entry.submit, name="submit"),
]
