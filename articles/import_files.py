"""The files an import reads: folders walked, sizes checked against IMPORT_MAX_BYTES."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.conf import settings


def too_large(size: int, *, stream: bool = False) -> str:
    """The failure line for an input over IMPORT_MAX_BYTES ("" when it is within)."""
    limit = settings.IMPORT_MAX_BYTES
    if size <= limit:
        return ""
    amount = f"more than {limit:,} bytes" if stream else f"{size:,} bytes"
    return f"too large: {amount} (the limit is {limit:,}; IMPORT_MAX_BYTES)"


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders recursively, in a stable order, skipping hidden files."""
    files = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            files.append(path)
        elif path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def read_limited(stream: BinaryIO, expected: int | None = None) -> bytes:
    """Read at most one byte over the limit, so that a huge input is refused, not slurped.
    ``expected``: the size the file gave; reading that (and one byte to see if it grew) and
    not the limit spares allocating a buffer of the limit for every file."""
    limit = settings.IMPORT_MAX_BYTES + 1
    if expected is None or expected >= limit:
        return stream.read(limit)
    data = stream.read(expected + 1)
    if len(data) > expected:  # it grew since: the rest, up to the limit
        data += stream.read(limit - len(data))
    return data
