from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        # reports prints the annex without importing monitoring (see documents.annexes).
        from reports.documents.annexes import register

        from .annex import trends_annex

        register(trends_annex)
