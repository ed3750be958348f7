from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _index_after_migrate(sender, *, using: str = "default", **kwargs) -> None:
    """After ``migrate`` (the schema complete, every app's migrations applied): an empty
    index beside existing reports is built once, with the index's own code. An upgrade of a
    portal that had reports before search came gets its index this way; ``search_reindex``
    rebuilds it on demand (after a restore)."""
    from reports.models import Report

    from .index import reindex_all
    from .models import SearchEntry

    if not SearchEntry.objects.using(using).exists() and Report.objects.using(using).exists():
        reindex_all()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The index follows every write of the texts it holds (see ``search.signals``):
        # reports never imports search, so the hooks are connected from here.
        from . import signals  # noqa: F401

        post_migrate.connect(_index_after_migrate, sender=self, dispatch_uid="search-index-migrate")
