"""Who owes what, its reminders, and a reporter's "ready for the focal point"."""

from django.urls import path

from ..views import owed

urlpatterns = [
    path("<int:pk>/assignments/owed/", owed.owed, name="owed"),
    path("<int:pk>/assignments/owed/remind/", owed.owed_remind, name="owed_remind"),
    path("<int:pk>/ready/", owed.report_ready, name="report_ready"),
]
