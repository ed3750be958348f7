"""Which process holds a job, a lock or a mail being sent, and whether it still lives.

A holder is ``host:pid:start`` (``start``: when the process started, from ``/proc``), so
a process id reused after a restart (pid 1 in a container) is not taken for the dead
holder. Liveness can be told only on the same machine; on another it is ``UNKNOWN`` and
the lease (``JOBS_LEASE``) decides.
"""

from __future__ import annotations

import enum
import os
import socket
from functools import cache
from pathlib import Path


class Liveness(enum.Enum):
    ALIVE = "alive"
    DEAD = "dead"
    UNKNOWN = "unknown"


def _start_of(pid: int) -> str | None:
    """The process's start time (clock ticks since boot), "?" where /proc cannot say,
    None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        if Path("/proc/self/stat").exists():
            return None  # /proc works: the process is gone
    except OSError:
        pass
    else:
        # Fields after the command name (which may hold spaces, in parentheses): the
        # 22nd field of the line, start time, is the 20th after it.
        return stat.rsplit(")", 1)[1].split()[19]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # someone else's process: alive
    return "?"


@cache
def _host() -> str:
    return socket.gethostname()


def this_process() -> str:
    """The holder name of this process (computed per call: a forked child differs)."""
    pid = os.getpid()
    return f"{_host()}:{pid}:{_start_of(pid) or '?'}"


def liveness(holder: str) -> Liveness:
    host, _sep, rest = holder.rpartition(":")
    host, _sep, pid = host.rpartition(":")
    start = rest
    if not host or not pid.isdigit():
        return Liveness.UNKNOWN  # not a process (a mark such as "resend")
    if host != _host():
        return Liveness.UNKNOWN
    now = _start_of(int(pid))
    if now is None or (start != "?" and now != "?" and now != start):
        return Liveness.DEAD
    return Liveness.ALIVE
