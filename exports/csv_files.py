"""CSV exports of the lists: a header row, then one row per record, streamed.

Partial dates take three columns — the first day of the period (ISO 8601), its precision
and whether it is approximate — so a spreadsheet sorts them and nothing is lost.

Text that a spreadsheet would run as a formula is neutralised (OWASP's CSV-injection rules):
a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading single quote. Numbers are left as they are, so ``-5`` stays a number.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from core.dates import Precision
from ops.change_journal import Journal
from ops.fragments import cached_chunk
from recalls.signatures import SignatureKind
from recalls.staleness import Standing, effort_standing, today

_row = threading.local()


def _standing(effort) -> Standing:
    """The row's effort's standing, worked out once per row (per thread: two exports may
    stream at once): its four columns ask for it seven times, and each answer walks the
    effort's dated facts, most of a 12,000-row export's time."""
    if getattr(_row, "effort", None) is not effort:
        _row.standing = effort_standing(effort, today=today())
        _row.effort = effort
    return _row.standing


CHUNK_SIZE = 500
ROWS_PER_PIECE = 100
# What makes a spreadsheet read a cell as a formula (or, for tab and CR, hide the one after).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Text that cannot start a formula in a spreadsheet: OWASP's leading single quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def partial_date_columns(name: str, label: str | None = None, get=None) -> list[Column]:
    label = label or name
    get = get or (lambda obj: getattr(obj, name))

    return [
        Column(label, lambda o: get(o).value.isoformat() if get(o) else ""),
        Column(
            f"{label}_precision",
            lambda o: Precision(get(o).precision).name.lower() if get(o) else "",
        ),
        Column(f"{label}_approximate", lambda o: get(o).approximate if get(o) else ""),
    ]


def signature_columns() -> list[Column]:
    """Per kind, the current figure (the lead report's) with its date: the whole series is
    ``/recalls/signature-reports.csv``."""

    def figure(kind):
        return lambda e: e.signatures.of(kind)

    columns = []
    for kind in SignatureKind.values:
        get = figure(kind)
        columns += [
            Column(f"signatures_{kind}", lambda e, get=get: get(e).count if get(e) else None),
            Column(
                f"signatures_{kind}_approximate",
                lambda e, get=get: get(e).approximate if get(e) else "",
            ),
            Column(
                f"signatures_{kind}_as_of",
                lambda e, get=get: get(e).date.value.isoformat() if get(e) else "",
            ),
        ]
    return columns


class Echo:
    """A file-like object whose ``write`` returns the line, for streaming."""

    def write(self, value: str) -> str:
        return value


def header(columns: list[Column]) -> str:
    return csv.writer(Echo()).writerow([column.header for column in columns] + ["page_url"])


def line(columns: list[Column], record, absolute: Callable[[str], str]) -> str:
    return csv.writer(Echo()).writerow(
        [_text(column.value(record)) for column in columns] + [absolute(record.get_absolute_url())]
    )


def cached_rows(
    name: str,
    columns: list[Column],
    ids: Iterable[int],
    load: Callable[[list], dict],
    absolute: Callable[[str], str],
) -> Iterator[str]:
    """The header, then the lines of the records ``ids``, each kept until what it shows
    changes (ops/fragments.py): after an edit, an export renders the edited records' lines and
    reads the rest from the cache, instead of loading and prefetching every record. Each
    chunk of lines is kept whole as well, and checked against the change journal once for
    all its lines (``cached_chunk``). The lines go out in pieces of ``ROWS_PER_PIECE``: the
    server sends each piece as one chunk, and one a line was a fifth of a worker's time."""
    yield header(columns)
    journal = Journal()
    for piece in chunks(ids):
        yield from cached_chunk(
            name,
            piece,
            load,
            lambda record: line(columns, record, absolute),
            journal=journal,
            combine=_in_pieces,
        )


def chunks(ids: Iterable[int], size: int = CHUNK_SIZE) -> Iterator[list[int]]:
    """Runs of ``ids`` of about ``size`` (at most twice that), cut after the ids whose hash
    says so rather than every ``size`` ids: a record added or removed changes the chunk it
    falls in, not every chunk after it, so the others are still read back whole."""
    piece = []
    for pk in ids:
        piece.append(pk)
        if len(piece) >= 2 * size or (pk * 2654435761) % 2**32 % size == 0:
            yield piece
            piece = []
    if piece:
        yield piece


def _in_pieces(lines: list[str]) -> list[str]:
    return [
        "".join(lines[start : start + ROWS_PER_PIECE])
        for start in range(0, len(lines), ROWS_PER_PIECE)
    ]


EFFORT_COLUMNS = [
    Column("slug", lambda e: e.slug),
    Column("title", lambda e: e.title),
    Column("kind", lambda e: e.kind),
    Column("status", lambda e: e.status),
    Column("office", lambda e: e.office.title),
    Column("office_category", lambda e: e.office.category),
    Column("jurisdiction", lambda e: e.office.jurisdiction.name),
    Column("state", lambda e: e.office.jurisdiction.state),
    Column("jurisdiction_ocd_id", lambda e: e.office.jurisdiction.ocd_id),
    Column("targets", lambda e: "; ".join(t.name for t in e.targets.all())),
    Column("target_count", lambda e: e.target_count),
    *partial_date_columns("started"),
    *partial_date_columns("ended"),
    *partial_date_columns("deadline", "signature_deadline"),
    *signature_columns(),
    Column("signatures_sources_differ", lambda e: e.signatures.sources_differ),
    # recalls/staleness.py: the date of the newest fact behind the status, and whether the
    # sources have been silent too long to call the effort active.
    *partial_date_columns("reported_as_of", get=lambda e: _standing(e).since),
    Column("outcome_not_reported", lambda e: _standing(e).stale),
    Column("updated_at", lambda e: e.updated_at.isoformat()),
]

OFFICIAL_COLUMNS = [
    Column("slug", lambda o: o.slug),
    Column("name", lambda o: o.name),
    Column("sort_name", lambda o: o.sort_name),
    Column("party", lambda o: o.party),
    Column("wikidata_id", lambda o: o.wikidata_id),
    Column("aliases", lambda o: "; ".join(o.aliases)),
    Column(
        "offices",
        lambda o: "; ".join(f"{t.office.title}, {t.office.jurisdiction}" for t in o.tenures.all()),
    ),
    Column("recall_efforts", lambda o: o.effort_count),
]

ELECTION_COLUMNS = [
    Column("slug", lambda e: e.slug),
    Column("name", lambda e: e.name),
    Column("kind", lambda e: e.kind),
    *partial_date_columns("date"),
    Column("jurisdiction", lambda e: e.jurisdiction.name),
    Column("state", lambda e: e.jurisdiction.state),
    Column("jurisdiction_ocd_id", lambda e: e.jurisdiction.ocd_id),
    Column("contests", lambda e: e.contest_count),
]

SIGNATURE_REPORT_COLUMNS = [
    Column("effort", lambda r: r.effort.slug),
    *partial_date_columns("date"),
    Column("kind", lambda r: r.kind),
    Column("count", lambda r: r.count),
    Column("approximate", lambda r: r.approximate),
    Column("is_lead", lambda r: r.is_lead),
    Column("date_note", lambda r: r.date_note),
    Column(
        "sources", lambda r: " | ".join(c.article.get_absolute_url() for c in r.citations.all())
    ),
    Column("quotes", lambda r: " | ".join(c.quote for c in r.citations.all())),
]

# One row per reported count of a recall question (the results series of each contest).
RESULT_COLUMNS = [
    Column("election_slug", lambda r: r.contest.election.slug),
    Column("election", lambda r: r.contest.election.name),
    Column("jurisdiction", lambda r: r.contest.election.jurisdiction.name),
    Column("jurisdiction_ocd_id", lambda r: r.contest.election.jurisdiction.ocd_id),
    Column("contest", lambda r: r.contest.name),
    Column("effort_slug", lambda r: r.contest.effort.slug if r.contest.effort else ""),
    *partial_date_columns("date", "as_of"),
    Column("reported_at", lambda r: r.reported_at.isoformat() if r.reported_at else ""),
    Column("yes_votes", lambda r: r.yes_votes),
    Column("no_votes", lambda r: r.no_votes),
    Column("share_counted", lambda r: r.share_counted),
    Column("share_basis", lambda r: r.share_basis),
    Column("certified", lambda r: r.certified),
    Column("is_lead", lambda r: r.is_lead),
    Column("note", lambda r: r.note),
    Column("sources", lambda r: "; ".join(c.article.title for c in r.citations.all())),
    Column("quotes", lambda r: "; ".join(c.quote for c in r.citations.all())),
]
