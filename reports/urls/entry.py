"""Questionnaire entry (issue 3): section pages, autosave, submit confirmation."""

from django.urls import path

from ..views import entry

urlpatterns = [
    path("<int:pk>/sections/<int:order>/", entry.section, name="section"),
    path("<int:pk>/sections/<int:order>/autosave/", entry.autosave, name="autosave"),
    path("<int:pk>/submit/", entry.submit, name="submit"),
]
