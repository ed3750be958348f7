from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Countries and roadmaps")

    def ready(self) -> None:
        from . import structure  # noqa: F401  (its receivers renew a roadmap's structure token)
