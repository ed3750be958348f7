"""A person's mail preferences: language, and whether deadline reminders come."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import MailPreference


def mail_preference_save(*, user, language: str, reminders: bool) -> MailPreference:
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the listed languages.")})
    preference, _created = MailPreference.objects.update_or_create(
        user=user, defaults={"language": language, "reminders": reminders}
    )
    return preference
