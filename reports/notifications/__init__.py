"""Emails about a report: who is told what, in their language, once.

The worker sends them (``reports.tasks``), enqueued after the change has committed, so a
rolled-back change never mails anyone; each function therefore takes an id and reads
fresh rows.

- submit: the reviewers of the country ("resubmitted" after a return, linking to the
  changes); a confirmation to the person who submitted and the framework's secretariat;
- return, accept, reopen: the country's focal points and reporters, with the reason;
- a new comment (a thread or a reply): the other side of the conversation (the country
  when a reviewer or admin writes, the reviewers when the country writes);
- deadline reminders and overdue notices: ``reports.reminders``.

One plain-text message per person (nobody sees the other recipients' addresses), in the
person's language (``mail_language``), each with a link to the page. Every message is
recorded as a pending ``Notice`` *before* it goes, under a key unique per person, and as
sent once the mail server took it: a job that runs twice (a retry, a second worker, a job
enqueued again after its worker died) finds the key taken and sends nothing twice. A
message that could not go releases its key, so the retry sends it. A notice left pending
by a worker that died mid-send is sent again from its row (``notices_recover``).

The package, by concept: ``recipients`` (who, in which language), ``delivery`` (each
message once), ``recovery`` (what a dead worker left), ``transitions`` and ``comments``
(what they tell); ``reminding`` holds what the two kinds of reminders share (imported
from there, not re-exported). Every other public name is re-exported here: the jobs, the
reminders and the tests import them from ``reports.notifications``.
"""

from __future__ import annotations

from .comments import comment_notify
from .delivery import deliver, send_notice, site_url
from .recipients import (
    MAIL_LANGUAGE_ROLES,
    OVERDUE_COPY_ROLES,
    mail_language,
    overdue_copy_recipients,
    people,
    recipients_query,
    secretariat,
    wants_reminders,
)
from .recovery import RESEND_QUEUED, notice_resend, notices_recover
from .transitions import is_resubmitted, submission_confirm, transition_notify

__all__ = [
    "MAIL_LANGUAGE_ROLES",
    "OVERDUE_COPY_ROLES",
    "RESEND_QUEUED",
    "comment_notify",
    "deliver",
    "is_resubmitted",
    "mail_language",
    "notice_resend",
    "notices_recover",
    "overdue_copy_recipients",
    "people",
    "recipients_query",
    "secretariat",
    "send_notice",
    "site_url",
    "submission_confirm",
    "transition_notify",
    "wants_reminders",
]
