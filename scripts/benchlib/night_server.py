"""What the workers said and did during the election-night scenario (benchlib/night.py):
their error log, and where their CPU time went (from night_wsgi.py's timing lines)."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path


def server_time(folder: Path, kinds: dict[str, str], window: tuple[float, float]) -> dict:
    """Where the workers' time went while the load was measured: per kind of page (the
    editor's polls and anything off the list apart) and page-cache answer, the requests
    and their CPU and wall milliseconds, from night_wsgi.py's lines."""
    found: dict = {}
    for path in folder.glob("*.tsv"):
        for line in path.read_text().splitlines():
            url, state, wall, cpu, ended = line.split("\t")
            if not window[0] <= float(ended) <= window[1]:
                continue
            kind = "editor polls" if url.startswith("poll:") else kinds.get(url, "other")
            entry = found.setdefault(kind, {}).setdefault(state, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += float(cpu)
            entry[2] += float(wall)
    cpu_of = {kind: sum(e[1] for e in states.values()) for kind, states in found.items()}
    total = sum(cpu_of.values()) or 1
    return {
        kind: {
            "requests": sum(e[0] for e in found[kind].values()),
            "cpu_s": round(cpu_of[kind], 2),
            "cpu_share": round(cpu_of[kind] / total, 3),
            "by_answer": {
                state: {
                    "requests": n,
                    "cpu_ms_each": round(1000 * cpu / n, 1),
                    "wall_ms_each": round(1000 * wall / n, 1),
                }
                for state, (n, cpu, wall) in sorted(found[kind].items())
            },
        }
        for kind in sorted(found, key=lambda kind: -cpu_of[kind])
    }


def server_log_summary(path: Path, keep: int = 8) -> dict:
    """What the workers logged (LOG_LEVEL=ERROR): how many lines, the commonest messages."""
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    # gunicorn's own lines start with a bracketed date; Django's are the message alone.
    messages = Counter(re.sub(r"^\[[^]]*\] (\[[^]]*\] )*", "", line)[:160] for line in lines)
    # Django logs every 5xx answer by its path: counted, but the causes are the other lines.
    answers = sum(n for text, n in messages.items() if text.startswith("Service Unavailable: "))
    causes = Counter({t: n for t, n in messages.items() if not t.startswith("Service Unavailable")})
    return {"lines": len(lines), "answered_503": answers, "commonest": causes.most_common(keep)}


GROUPS = (
    ("gunicorn", "web workers"),
    ("postgres", "PostgreSQL"),
    ("import_articles", "importer"),
    ("night_editor", "editor"),
    ("wrk", "wrk"),
    ("redis-server", "Redis"),
)


def cpu_snapshot() -> dict[int, tuple[str, int]]:
    """Every process's CPU clock ticks so far, with the group it is counted in: its own and
    those of its children that have ended (a worker recycled by ``max_requests`` counts in
    its master, a PostgreSQL backend that closed in the postmaster), so that a process that
    ended while measured is not left out. Under ``MACHINE``: the whole machine's busy and
    stolen ticks (/proc/stat), to say whether the load filled the cores."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        group = next((name for key, name in GROUPS if key in command), "everything else")
        # utime, stime, and cutime, cstime: those of the children it has reaped
        found[int(proc.name)] = (group, sum(int(n) for n in fields[11:15]))
    # user nice system idle iowait irq softirq steal
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    found[MACHINE] = ("machine", sum(ticks[:3]) + sum(ticks[5:7]))
    found[STOLEN] = ("stolen", ticks[7])
    return found


# Not process ids: the machine's own counts in a snapshot.
MACHINE, STOLEN = -1, -2


def cpu_by_group(before: dict, after: dict, seconds: float) -> dict[str, float]:
    """Cores used by each group between two snapshots (processes alive at the second, with
    their ended children); then ``machine``, every core's busy time however it was spent
    (the kernel's included), and ``stolen``, time the hypervisor gave to other machines."""
    ticks: Counter = Counter()
    for pid, (group, used) in after.items():
        if pid >= 0:
            ticks[group] += used - before.get(pid, (group, 0))[1]
    for pid, (group, used) in before.items():
        if pid >= 0 and pid not in after:
            # Ended: its parent reaped its whole life, and the part before was counted then.
            ticks[group] -= used
    hertz = os.sysconf("SC_CLK_TCK")
    found = {group: round(n / hertz / seconds, 2) for group, n in ticks.most_common() if n > 0}
    for pid in (MACHINE, STOLEN):
        if pid in after and pid in before:
            found[after[pid][0]] = round((after[pid][1] - before[pid][1]) / hertz / seconds, 2)
    return found
