"""A person's notifications page."""

from django.urls import path

from ..views import notices

urlpatterns = [path("notices/", notices.notices, name="notices")]
