from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows every write of the texts it holds (see ``search.signals``):
        # reports never imports search, so the hooks are connected from here.
        from . import signals  # noqa: F401
