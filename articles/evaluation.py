"""Score an import report against a ground-truth file (issue #15, items 6 and 7).

Pure functions: no database, no Django models. ``score`` reads the ``import_articles --json``
report in the shape of issue #15 item 7 (``files[].articles[]`` with ``title``, ``url``,
``outlet``, ``published``, ``officials``, ``efforts``, ``facts``, ``numbers``), so a held-out
set is scored through the same report as ours. The definitions are at the top of
``tests/data/eval/truth.yaml``; in short:

* a date is right when it equals the truth at the truth's precision (a month-only truth is
  not matched by a day, nor a day by a month);
* an outlet is right when it names the publisher (not a feed's or aggregator's title);
* a fact is right when its effort, its status and its date (as above) are right; every fact
  the importer proposes counts towards precision. Whether a right fact is marked approximate
  as the truth is ("approximate flag", over the right facts only) is reported apart;
* a number is right when its effort, field and value are right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

from core.dates import PartialDate

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_NOT_WORD = re.compile(r"[^\w']+")
CATEGORIES = (
    "files accepted",
    "articles read",
    "title",
    "published",
    "outlet",
    "official links",
    "effort links",
    "key facts",
    "numbers",
    "approximate flag",
)


def fold(text: str | None) -> str:
    """Compare names loosely: NFKC, straight quotes, case and punctuation ignored."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def fold_outlet(text: str | None) -> str:
    folded = fold(text)
    return folded[4:] if folded.startswith("the ") else folded


def parse_date(text) -> PartialDate | None:
    if text in (None, ""):
        return None
    try:
        return PartialDate.parse(str(text).strip())
    except ValueError:
        return None


def same_date(truth: PartialDate | None, got: PartialDate | None) -> bool:
    """Equal at the truth's precision; approximate or not does not matter here."""
    if truth is None or got is None:
        return truth is got
    return truth.precision == got.precision and truth.value == got.value


def date_text(date: PartialDate | None) -> str:
    return date.isoformat() if date else "none"


@dataclass
class Tally:
    """Right answers over what the importer proposed (precision) and over the truth (recall)."""

    right: int = 0
    proposed: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.right / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None

    def as_dict(self) -> dict:
        return {
            "right": self.right,
            "proposed": self.proposed,
            "expected": self.expected,
            "precision": self.precision,
            "recall": self.recall,
            "misses": self.misses,
        }


@dataclass
class Lookup:
    """Names and titles as the report gives them → the slugs the truth uses."""

    officials: dict[str, str]
    efforts: dict[str, str]

    @classmethod
    def build(cls, officials: Iterable[tuple[str, str]], efforts: Iterable[tuple[str, str]]):
        return cls({fold(n): s for n, s in officials}, {fold(t): s for t, s in efforts})

    def official(self, name: str) -> str:
        return self.officials.get(fold(name), f"?{name}")

    def effort(self, title: str | None) -> str | None:
        if not title:
            return None
        return self.efforts.get(fold(title), f"?{title}")


def score(truth: dict, report: dict, lookup: Lookup) -> dict[str, Tally]:
    """Every category's tally; ``truth`` is the parsed truth file, ``report`` the --json report."""
    tallies = {name: Tally() for name in CATEGORIES}
    by_name = {PurePath(f["name"]).name: f for f in report.get("files", [])}
    for expected_file in truth["files"]:
        name = expected_file["file"]
        got_file = by_name.get(name)
        accepted = bool(got_file and got_file.get("ok"))
        _score_file(tallies["files accepted"], name, expected_file, got_file, accepted)
        if not expected_file.get("articles"):
            continue
        got_articles = got_file.get("articles", []) if accepted else []
        pairs = match_articles(expected_file["articles"], got_articles)
        read = tallies["articles read"]
        read.expected += len(expected_file["articles"])
        read.proposed += len(got_articles)
        for expected, got in pairs:
            where = f"{name}: {expected['title'][:70]!r}"
            if got is None:
                read.misses.append(f"{where}: not read")
                _count_unread(tallies, expected)
                continue
            read.right += 1
            _score_article(tallies, where, expected, got, lookup)
    return tallies


def _score_file(tally: Tally, name: str, expected: dict, got: dict | None, accepted: bool):
    should = not expected.get("rejected")
    tally.expected += should
    tally.proposed += accepted
    if should and accepted:
        tally.right += 1
    elif should:
        reason = got.get("error") if got else "not in the report"
        tally.misses.append(f"{name}: rejected ({reason})")
    elif accepted:
        tally.misses.append(f"{name}: accepted, but {expected['rejected']}")


def match_articles(expected: list[dict], got: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair truth and report articles of one file: same title first, then in order."""
    free = list(range(len(got)))
    pairs: dict[int, int] = {}
    for i, article in enumerate(expected):
        for j in free:
            if fold(got[j].get("title")) == fold(article["title"]):
                pairs[i] = j
                free.remove(j)
                break
    for i in range(len(expected)):
        if i not in pairs and free:
            pairs[i] = free.pop(0)
    return [(article, got[pairs[i]] if i in pairs else None) for i, article in enumerate(expected)]


def _count_unread(tallies: dict[str, Tally], expected: dict) -> None:
    for key in ("title", "published", "outlet"):
        tallies[key].expected += 1
    tallies["official links"].expected += len(expected.get("officials", []))
    tallies["effort links"].expected += len(expected.get("efforts", []))
    tallies["key facts"].expected += len(expected.get("facts", []))
    tallies["numbers"].expected += len(expected.get("numbers", []))


def _score_article(tallies, where: str, expected: dict, got: dict, lookup: Lookup) -> None:
    _score_value(tallies["title"], where, "title", expected["title"], got.get("title"), fold)
    _score_value(
        tallies["outlet"], where, "outlet", expected.get("outlet"), got.get("outlet"), fold_outlet
    )
    _score_published(tallies["published"], where, expected.get("published"), got.get("published"))
    _score_set(
        tallies["official links"],
        where,
        "official",
        set(expected.get("officials", [])),
        {lookup.official(n) for n in got.get("officials", [])},
    )
    _score_set(
        tallies["effort links"],
        where,
        "effort",
        set(expected.get("efforts", [])),
        {lookup.effort(t) for t in got.get("efforts", [])},
    )
    _score_facts(
        tallies["key facts"],
        tallies["approximate flag"],
        where,
        expected.get("facts", []),
        got.get("facts", []),
        lookup,
    )
    _score_numbers(
        tallies["numbers"], where, expected.get("numbers", []), got.get("numbers", []), lookup
    )


def _score_value(tally: Tally, where: str, what: str, expected, got, key) -> None:
    """One value per article; ``expected`` may list every acceptable spelling, and a null
    truth is right only when the importer gives no value either."""
    accepted = expected if isinstance(expected, list) else [expected]
    tally.expected += 1
    tally.proposed += bool(got) or expected is None
    if (expected is None and not got) or (got and key(got) in {key(a) for a in accepted}):
        tally.right += 1
    else:
        tally.misses.append(f"{where}: {what} {got!r}, expected {accepted[0]!r}")


def _score_published(tally: Tally, where: str, expected, got) -> None:
    """A null truth is right only when the importer gives no date either."""
    truth, found = parse_date(expected), parse_date(got)
    tally.expected += 1
    tally.proposed += found is not None or truth is None
    if same_date(truth, found):
        tally.right += 1
    else:
        tally.misses.append(f"{where}: published {date_text(found)}, expected {date_text(truth)}")


def _score_set(tally: Tally, where: str, what: str, expected: set, got: set) -> None:
    tally.expected += len(expected)
    tally.proposed += len(got)
    tally.right += len(expected & got)
    tally.misses.extend(f"{where}: missed {what} {s}" for s in sorted(expected - got))
    tally.misses.extend(f"{where}: wrong {what} {s}" for s in sorted(got - expected, key=str))


def _score_facts(
    tally: Tally, flags: Tally, where: str, expected: list, got: list, lookup: Lookup
) -> None:
    proposed = [
        {
            "effort": lookup.effort(f.get("effort")),
            "status": f.get("status") or "",
            "date": parse_date(f.get("date")),
            "approximate": bool(f.get("approximate")),
            "quote": f.get("quote", ""),
        }
        for f in got
    ]
    tally.expected += len(expected)
    tally.proposed += len(proposed)
    free = list(proposed)
    for fact in expected:
        truth_date = parse_date(fact["date"])
        hit = next(
            (
                p
                for p in free
                if p["effort"] == fact.get("effort")
                and p["status"] == fact["status"]
                and same_date(truth_date, p["date"])
            ),
            None,
        )
        if hit:
            tally.right += 1
            free.remove(hit)
            flags.expected += 1
            flags.proposed += 1
            if hit["approximate"] == truth_date.approximate:
                flags.right += 1
            else:
                flags.misses.append(
                    f"{where}: {fact['status']} {date_text(truth_date)} marked "
                    f"{'approximate' if hit['approximate'] else 'exact'}"
                )
            continue
        want = f"{fact.get('effort')} {fact['status']} {date_text(truth_date)}"
        near = _nearest_fact(fact, truth_date, free)
        got_text = (
            f"closest: {near['effort']} {near['status'] or '(no status)'} "
            f"{date_text(near['date'])} from {near['quote'][:80]!r}"
            if near
            else "nothing close"
        )
        tally.misses.append(f"{where}: missed fact {want}; {got_text}")
    tally.misses.extend(
        f"{where}: extra fact {p['effort']} {p['status'] or '(no status)'} "
        f"{date_text(p['date'])} from {p['quote'][:80]!r}"
        for p in free
    )


def _nearest_fact(fact: dict, truth_date: PartialDate | None, proposed: list[dict]) -> dict | None:
    """The proposed fact that gets most of effort, status and date right (for the miss list)."""

    def agreement(p):
        return (
            (p["status"] == fact["status"])
            + same_date(truth_date, p["date"])
            + (p["effort"] == fact.get("effort"))
        )

    best = max(proposed, key=agreement, default=None)
    return best if best and agreement(best) >= 2 else None


def _score_numbers(tally: Tally, where: str, expected: list, got: list, lookup: Lookup) -> None:
    proposed = [(lookup.effort(n.get("effort")), n.get("field"), _int(n.get("value"))) for n in got]
    wanted = [(n.get("effort"), n["field"], int(n["value"])) for n in expected]
    tally.expected += len(wanted)
    tally.proposed += len(proposed)
    for number in wanted:
        if number in proposed:
            tally.right += 1
            proposed.remove(number)
        else:
            tally.misses.append(f"{where}: missed number {number[0]} {number[1]} = {number[2]:,}")
    tally.misses.extend(f"{where}: extra number {e} {f} = {v}" for e, f, v in proposed)


def _int(value) -> int | None:
    try:
        return round(float(value))
    except (TypeError, ValueError):
        return None


def percent(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:4.0f}%"


def format_table(tallies: dict[str, Tally]) -> str:
    """The Markdown table of docs/IMPORT_EVAL.md."""
    lines = [
        "| category | right | proposed | expected | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, t in tallies.items():
        lines.append(
            f"| {name} | {t.right} | {t.proposed} | {t.expected} "
            f"| {percent(t.precision).strip()} | {percent(t.recall).strip()} |"
        )
    return "\n".join(lines)


def format_misses(tallies: dict[str, Tally]) -> str:
    blocks = []
    for name, t in tallies.items():
        if t.misses:
            blocks.append(f"== {name}: {len(t.misses)} misses")
            blocks.extend(f"  {miss}" for miss in t.misses)
    return "\n".join(blocks)
