"""The portal's front pages: home (each person's reports) and help. Included at the root
without a namespace, so ``{% url 'home' %}`` and ``{% url 'help' %}`` read as before."""

from django.urls import path

from ..views.help import help_page
from ..views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("help/", help_page, name="help"),
]
