"""A numbered log of the cache tags each change bumped, so that something depending on
thousands of tags can ask "did any of mine change since step N?" with a few cache reads.

A CSV export depends on every record's row and what it shows: about 100,000 tags at newsroom
scale. Checking their versions one by one (ops/fragments.py ``cached_values``) cost an export
2.4 s of CPU on election night, once a second, since every edit made it stale. A chunk of the
export instead keeps the step it was built at and its tags (as 64-bit hashes); it is current
when no step since then bumped one of them (``Journal.changed_since``).

Each bump (ops/cache_tags.py ``tags_bump``) first stores the new versions, then takes the next
step number (an atomic ``incr``) and writes its tags under it. A reader that sees step N but
not yet its entry, or an entry the cache has dropped, cannot tell what changed and treats
everything as changed: never a stale answer, at worst a rebuild. The count starts at a random
point, so a count the cache lost starts again far from any step a reader kept. One case is
left: a cache that fails between storing the versions and taking the step (both are calls to
it) leaves that change out of the log, and a chunk kept before it stays until it expires
(``CACHE_SECONDS``).
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Iterable

from django.core.cache import cache

STEP_KEY = "journal:step"
# Longer than any entry that relies on the journal is kept (CACHE_SECONDS, 300 s by default).
KEEP_SECONDS = 3600
# A reader re-reading more steps than this at once rebuilds instead.
MAX_SPAN = 5000


def entry_key(step: int) -> str:
    return f"journal:{step}"


@functools.lru_cache(maxsize=200_000)
def tag_hash(tag: str) -> int:
    """A tag as a stable 64-bit number (Python's ``hash`` differs between processes); a
    collision only ever makes something look changed."""
    return int.from_bytes(hashlib.blake2b(tag.encode(), digest_size=8).digest(), "big")


def hashes(tags: Iterable[str]) -> frozenset[int]:
    return frozenset(map(tag_hash, tags))


def _start() -> None:
    cache.add(STEP_KEY, secrets.randbits(40) << 16, timeout=None)


def append(tags: Iterable[str]) -> None:
    """Log one bump of ``tags``: after their new versions are stored, never before."""
    try:
        step = cache.incr(STEP_KEY)
    except ValueError:
        _start()
        try:
            step = cache.incr(STEP_KEY)
        except ValueError:
            # Dropped again at once: the next reader starts a new count, on which no kept
            # step is current.
            return
    cache.set(entry_key(step), hashes(tags), timeout=KEEP_SECONDS)


def current_step() -> int:
    """The last step taken: read before what is built on it, so any later change shows."""
    step = cache.get(STEP_KEY)
    if step is None:
        _start()
        step = cache.get(STEP_KEY, -1)
    return int(step)


class Journal:
    """The steps since some point, read once and shared by the many chunks one response
    checks."""

    def __init__(self):
        self.step = current_step()
        self._entries: dict[int, frozenset[int] | None] = {}
        self._since: dict[int, frozenset[int] | None] = {}  # most chunks share a step

    def changed_since(self, step: int) -> frozenset[int] | None:
        """The hashes of the tags bumped after ``step``; None when that is unknown (too
        long ago, an entry missing or not yet written, or the log restarted)."""
        if step not in self._since:
            self._since[step] = self._read_since(step)
        return self._since[step]

    def _read_since(self, step: int) -> frozenset[int] | None:
        if step > self.step or self.step - step > MAX_SPAN:
            return None
        wanted = [s for s in range(step + 1, self.step + 1) if s not in self._entries]
        if wanted:
            found = cache.get_many([entry_key(s) for s in wanted])
            for s in wanted:
                self._entries[s] = found.get(entry_key(s))
        changed: set[int] = set()
        for s in range(step + 1, self.step + 1):
            entry = self._entries[s]
            if entry is None:
                return None
            changed |= entry
        return frozenset(changed)

    def unchanged(self, step: int, tags: frozenset[int]) -> bool:
        changed = self.changed_since(step)
        return changed is not None and changed.isdisjoint(tags)
