"""Assignments of report parts and their hand-in (issue 24)."""

from django.urls import path

from ..views import assignments

urlpatterns = [
    path("<int:pk>/assignments/", assignments.assignments_page, name="assignments"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/",
        assignments.assignment_action,
        name="assignment_action",
    ),
]
