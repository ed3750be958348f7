from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from pathfinder.middleware import SessionIdleRefreshMiddleware

        # freeze: handed-in means frozen; lookups: the bounded integer ``__in``; structure:
        # a questionnaire's write renews its cache key. All register on import.
        from . import freeze, lookups, structure  # noqa: F401
        from .services import validation_rules  # noqa: F401  (a new framework's rules)

        user_logged_in.connect(
            SessionIdleRefreshMiddleware.mark_seen_at_login, dispatch_uid="pf-session-seen"
        )
