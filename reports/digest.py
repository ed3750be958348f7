"""A short digest of what a person saw when a page loaded: forms carry it so the server
can tell whether the person changed a field since (the conflict rule of every editor)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def digest(*parts: Any) -> str:
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
