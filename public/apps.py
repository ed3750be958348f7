from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public pages")

    def ready(self) -> None:
        # A publication written or withdrawn (whatever path writes it) changes what the
        # public pages show: their cached copies go, once the change is committed.
        from django.db.models.signals import post_delete, post_save

        from reports.models import Publication, Transition

        from .cache import publication_changed, step_taken

        post_save.connect(publication_changed, sender=Publication, dispatch_uid="public-pages")
        post_delete.connect(publication_changed, sender=Publication, dispatch_uid="public-pages-d")
        # Withdrawing stamps the live row with an update() (no post_save): the workflow's
        # step (a Transition row) says it happened.
        post_save.connect(step_taken, sender=Transition, dispatch_uid="public-pages-step")
