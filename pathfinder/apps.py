"""django-axes under a name the admin can translate: its own app config has no verbose
name, so the admin's index showed "Axes" in every language."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lock-out")
