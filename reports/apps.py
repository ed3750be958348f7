from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from pathfinder.middleware import SessionIdleRefreshMiddleware

        from . import freeze, lookups  # noqa: F401  (freeze: handed-in means frozen; lookups:

        # the bounded integer ``__in``; both register on import)
        from .services import validation_rules  # noqa: F401  (a new framework's rules)

        user_logged_in.connect(
            SessionIdleRefreshMiddleware.mark_seen_at_login, dispatch_uid="pf-session-seen"
        )
