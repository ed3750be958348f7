"""A mail backend for worker-process tests: each message a file in ``TEST_EMAIL_DIR``, so
the test process counts what a worker process really handed to the mail server.

``TEST_MAIL_DELAY`` (seconds) slows each send, as a mail server does. With
``TEST_MAIL_TRAP_AFTER=n``, once this process has written n messages every later send
hangs before writing (a file ``blocked-<thread>`` says so): a worker killed then has
sends in flight that never went, at a point the test knows."""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

_lock = threading.Lock()
_written = 0


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        global _written
        folder = Path(os.environ["TEST_EMAIL_DIR"])
        trap = int(os.environ.get("TEST_MAIL_TRAP_AFTER") or 0)
        delay = float(os.environ.get("TEST_MAIL_DELAY") or 0)
        for message in email_messages:
            time.sleep(delay)
            with _lock:
                trapped = bool(trap) and _written >= trap
                if not trapped:
                    _written += 1
            if trapped:
                (folder / f"blocked-{threading.get_ident()}").touch()
                while True:  # until the process is killed
                    time.sleep(60)
            data = message.message().as_bytes()
            partial = folder / f".{uuid.uuid4().hex}.part"
            partial.write_bytes(data)
            partial.rename(folder / f"{uuid.uuid4().hex}.eml")
        return len(email_messages)
