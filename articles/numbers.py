"""Figures in an article: signature counts and vote results a recall story reports.

``find_numbers`` reads the sentences of an article that speaks of a recall and finds the
signature figures (required, submitted, projected valid, verified valid) and the vote
results (yes/no votes; the shares in percent) the way reporters write them: "53,000",
"roughly 51,000", "nearly 1.7 million", "about 80K", "two million". What a figure counts
is read from the words around it ("the 566,857 needed", "turned in more than 715,000
signatures", "only 520,050 were valid"); a figure without such words is not proposed.
Each figure is dated when it was reported: the date of the sentence's own event, else the
article's date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articles.fact_dates import dates_in
from articles.facts import MAX_QUOTE, article_effort, lead_unknown, original_date, recall_signal
from articles.facts import _effort_by_date as effort_by_date
from articles.models import NumberField
from core.dates import PartialDate
from recalls.models import EffortStatus

if TYPE_CHECKING:
    from articles.mentions.matcher import Found

# Vote shares are read (the evaluation set defines them) but the record keeps counts, not
# shares, so they are reported by --json and not stored as suggestions.
YES_PERCENT, NO_PERCENT = "yes_percent", "no_percent"
SHARES = frozenset({YES_PERCENT, NO_PERCENT})
_F = NumberField

_HEDGES = (
    r"more than|over|nearly|almost|about|around|roughly|approximately|some|close to|just over"
    r"|just under|fewer than|less than|at least|an estimated|upwards? of|only|under"
)
_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a half": 0.5, "half a": 0.5,
}  # fmt: skip
_SCALES = {"million": 1_000_000, "thousand": 1000, "k": 1000, "m": 1_000_000}
# A count: "1,719,943", "2.1 million", "80K", "two million". Not part of a time ("11:45"),
# a phone number or a score ("107-85"), a date ("April 29") or a name ("Proposition 50").
_COUNT = re.compile(
    r"(?<![\w:.,$/#-])(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?![\d:/-]|,\d|\.\d|\s*(?:%|percent\b))"
    r"(?:\s*(?P<scale>[mM]illion|[tT]housand)\b|(?P<short>[kKmM])\b)?"
)
_WORD_COUNT = re.compile(
    r"\b(?P<word>a half|half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?P<scale>million|thousand)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"(?<![\w.,])(?P<digits>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)")
_HEDGE = re.compile(rf"\b(?P<hedge>{_HEDGES})\s+\Z", re.IGNORECASE)
_NAMED = re.compile(
    r"(?:\b(?:Proposition|Prop|Measure|Route|Highway|Interstate|District|No|Number|Precinct"
    r"|Ward|Station|Article|Section|Chapter|Rule|Room|Suite|Unit|Local|Item|Page|Title"
    r"|AB|SB|HB|Jan|Feb|Mar|Apr|May|Jun|June|Jul|July|Aug|Sept?|Oct|Nov|Dec|January|February"
    r"|March|April|August|September|October|November|December)\.?|[$£€#])\s*\Z",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Words that say what a figure counts, right after it: "the 566,857 needed", "5,480 were
# needed", "only 520,050 were valid", "the 715,833 signatures submitted".
_AFTER_KIND = re.compile(
    r"\s*(?:(?:valid|verified|raw)\s+)?(?:signatures?\s+)?(?:(?:it|they|he|she|organizers"
    r"|the (?:law|state|county|city|district|charter|code|rules?))\s+)?"
    r"(?:(?:that|which)\s+)?(?:(?:were|was|are|is|had been|have been)\s+)?(?:"
    r"(?P<required>needed|needs?|required|requires?|necessary)"
    r"|(?P<submitted>submitted|turned in|filed|delivered|dropped off|handed in)"
    r"|(?P<valid>valid|verified|qualified|deemed valid|found valid|found to be valid|counted)"
    r"(?!\s+(?:signatures?|ones)\b))\b",
    re.IGNORECASE,
)
_AFTER_VALID = re.compile(r"\s*(?:valid|verified)\s+signatures?\b", re.IGNORECASE)
_AFTER_SIGNATURES = re.compile(
    r"\s*(?:(?:valid|verified|raw|more|additional)\s+)?signatures?\b", re.I
)
# Not a count of the signatures themselves: a difference, the rejected ones, or other things.
_AFTER_NOT = re.compile(
    r"\s*(?:more|fewer|short|over the|above|below|less|of (?:the|those|them|these)\b|times\b"
    r"|(?:(?:registered|eligible|active)\s+)?(?:voters|residents|people|volunteers|members"
    r"|households|students|schools|days|years|months|weeks|hours|miles|acres|dollars|homes"
    r"|officers|cases|pages|percent|%)\b"
    r"|(?:\w+\s+){0,2}?(?:invalid|rejected|thrown out|disqualified|struck|duplicates?)\b"
    r"|signatures?\s+(?:that\s+)?(?:were\s+|was\s+)?(?:found\s+)?(?:invalid|rejected|thrown"
    r"|disqualified|struck|tossed|duplicates?))",
    re.IGNORECASE,
)
_BEFORE_KIND = re.compile(
    r"\b(?:(?P<required>need(?:s|ed|ing)?|must (?:have|collect|gather|submit|turn in|get|obtain)"
    r"|requir(?:e|es|ed|ing|ement)|threshold|to (?:qualify|collect|gather|get|obtain|force)"
    r"|minimum)"
    r"|(?P<projected>random sample|project(?:ed|s|ion|ing))"
    r"|(?P<submitted>submit(?:s|ted|ting)?|turn(?:s|ed|ing)? in|deliver(?:s|ed|ing)?"
    r"|dropped off|drops off|handed in|filed|gathered|collected|raw count)"
    r"|(?P<valid>verified|validated|certified|found|deemed valid|qualified|valid count"
    r"|valid(?: signatures)?(?=:)))\b",
    re.IGNORECASE,
)
_KINDS = {
    "required": _F.SIGNATURES_REQUIRED,
    "submitted": _F.SIGNATURES_SUBMITTED,
    "projected": _F.SIGNATURES_PROJECTED_VALID,
    "valid": _F.SIGNATURES_VALID,
}
# Vote counts: "41,000 votes for the recall", "12,345 voted no", "9,876 no votes".
_VOTES_AFTER = re.compile(
    r"\s*(?:(?P<yes_first>yes)\s+votes?|(?P<no_first>no)\s+votes?|(?:votes|ballots)\s+"
    r"(?:were\s+cast\s+)?(?:(?P<yes>for|in favou?r of|supporting|backing)\s+(?:the\s+)?"
    r"(?:recall|removal|removing|ousting|it)|(?P<no>against|opposing)\b)"
    r"|(?:voters\s+|people\s+)?voted\s+(?:(?P<yes_voted>yes|for the recall|to recall|to remove"
    r"|in favou?r)|(?P<no_voted>no|against)))\b",
    re.IGNORECASE,
)
# The other side of a count the sentence has just given as votes.
_AGAINST = re.compile(r"\s*(?:votes?\s+)?(?:were\s+)?(?:against|opposed)\b", re.IGNORECASE)
_SHARE_OF = (
    r"\s*(?:of\s+(?:the\s+)?(?:voters|ballots|votes?|electorate)(?:\s+(?:counted|cast))?\s*)?"
)
_SHARE_YES = re.compile(
    _SHARE_OF + r"(?:(?:were|was|had|have)\s+)?(?:in favou?r\b|for (?:the )?recall\b"
    r"|(?:favou?r|back|support)(?:ed|ing|s)?\s+(?:(?:the|his|her|their)\s+)?(?:recall|removal"
    r"|removing|ousting)|vot(?:ed|ing|e)\s+(?:yes|for (?:the )?recall|to recall|to remove|to oust"
    r"|in favou?r)|said yes)",
    re.IGNORECASE,
)
_SHARE_NO = re.compile(
    _SHARE_OF
    + r"(?:(?:were|was|had|have)\s+)?(?:said no|vot(?:ed|ing|e)\s+(?:no|against|to keep|to retain)"
    r"|against (?:the )?recall|oppos(?:ed|ing)\s+(?:the\s+)?(?:recall|removal)"
    r"|(?:wanted|chose)\s+to\s+keep|reject(?:ed|ing|s)?\s+(?:the\s+)?(?:recall|effort|removal"
    r"|measure))",
    re.IGNORECASE,
)
# "with 55% of the vote": the winning side's share, which the sentence's outcome names.
_SHARE_OF_VOTE = re.compile(r"\s*of\s+the\s+(?:vote|ballots)\b", re.IGNORECASE)
# "rejected the recall 5,210 votes to 4,388": both counts, in the order the outcome gives.
_VOTE_PAIR = re.compile(
    r"(?P<first>\d{1,3}(?:,\d{3})+|\d+)\s+(?:votes?\s+)?to\s+(?P<second>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\s+votes?)?"
)
_SHARE_SIDE = re.compile(r"[\"“](?P<side>yes|no)[\"”] (?:side|vote|campaign)\b[^.;%]{0,30}\Z", re.I)
# A count while signatures are still being gathered is progress, not a submission.
_SO_FAR = re.compile(r"\b(?:so far|to date|thus far|as of)\b", re.IGNORECASE)
_GATHERED = re.compile(r"\b(?:gathered|collected)\b", re.IGNORECASE)
_RECALL = re.compile(r"\brecall|\boust|\bremov", re.IGNORECASE)
# Sentences worth reading have one of these (found with str.find, many times faster than
# one regular expression over the text).
_HINTS = ("ignature", "%", "percent", "votes", "voted", "voting", "allots")
_DEADLINE = re.compile(r"\b(?:until|by|before|deadline of|due|within)\s*\Z", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:will|would|could|must|expected|scheduled|set for)\b", re.IGNORECASE)
_CLAUSE = re.compile(r";\s+|,\s+(?:and|but|then|while|leaving|according)\b|\s+—\s+")
BEFORE_WIDTH = 120
ROUND_FROM = 10_000
# No recall counts a billion; a bigger figure is a typo or something else (and the column
# would refuse it).
MAX_COUNT = 1_000_000_000


@dataclass
class NumberFound:
    field: str
    value: int
    approximate: bool
    quote: str
    date: PartialDate | None
    date_note: str
    effort: int | None


def find_numbers(
    text: str, found: Found, published: PartialDate | None, body_start: int = 0
) -> list[NumberFound]:
    """The figures an article about a recall gives, each once per effort and field."""
    if not found.efforts and not _RECALL.search(text):
        return []
    published = original_date(text) or published
    starts = [start for start, _ in found.sentences]
    indexes = set()
    for hint in _HINTS:
        at = text.find(hint)
        while at != -1:
            index = bisect_right(starts, at) - 1
            indexes.add(index)
            if hint == "ignature":  # and the next sentence, which may go on about them
                indexes.add(index + 1)
            at = text.find(hint, at + 1)
    indexes = sorted(i for i in indexes if 0 <= i < len(starts))
    numbers, seen = [], set()
    default = article_effort(text, found, body_start)
    article_wide = not lead_unknown(text, found, body_start)
    for index in indexes:
        start, end = found.sentences[index]
        if start < body_start:
            continue  # a headline rounds what the story gives
        sentence = " ".join(text[start:end].split())
        if len(sentence) > MAX_QUOTE:
            continue
        # "It needs 566,857 valid ones.": signatures named in the sentence before count too.
        before = text[found.sentences[index - 1][0] : start] if index else ""
        figures = list(
            _figures(sentence, signatures="ignature" in sentence or "ignature" in before)
        )
        for field, value, approximate, where in figures:
            date, note = _date(sentence, field, where, published)
            effort = _effort(found, index, sentence, date, default, article_wide)
            if (effort, field, value) in seen:
                continue
            seen.add((effort, field, value))
            numbers.append(NumberFound(field, value, approximate, sentence, date, note, effort))
    return numbers


def _effort(
    found: Found, index: int, sentence: str, date: PartialDate | None, fallback, article_wide
):
    """The effort a figure is about: the one its sentence links; of several against the
    officials it names, the one its date points to; in a sentence naming none, the
    article's (its only effort, else its lead's)."""
    efforts = found.sentence_efforts.get(index, set())
    if len(efforts) == 1:
        return next(iter(efforts))
    if date is not None and (
        chosen := effort_by_date(found, index, date, sentence, article_wide=article_wide)
    ):
        return chosen
    return None if efforts else fallback


def _figures(sentence: str, *, signatures: bool):
    """(field, value, approximate, position) for each figure the sentence gives;
    ``signatures``: whether it (or the sentence before) speaks of signatures."""
    lowered = sentence.lower()
    if signatures or "vot" in lowered or "ballot" in lowered:
        pairs = list(_vote_pairs(sentence)) if " to " in sentence else []
        yield from pairs
        if not pairs:
            yield from _counts(sentence, lowered, signatures=signatures)
    if "%" in sentence or "percent" in lowered:
        yield from _shares(sentence)


def _counts(sentence: str, lowered: str, *, signatures: bool):
    matches = list(_COUNT.finditer(sentence))
    if "illion" in lowered or "housand" in lowered:
        matches = sorted([*matches, *_WORD_COUNT.finditer(sentence)], key=lambda m: m.start())
    previous_end, votes_seen = 0, False
    for match in matches:
        value = _count_value(match)
        start = match.start()
        after = sentence[match.end() :]
        if value is None or value > MAX_COUNT or _NAMED.search(sentence, max(0, start - 20), start):
            continue
        if _not_a_count(match, after):
            continue
        hedge = _HEDGE.search(sentence, max(0, start - 20), start)
        approximate = _hedged(hedge) or _round(match, value)
        if votes := _VOTES_AFTER.match(after):
            yes = votes["yes_first"] or votes["yes"] or votes["yes_voted"]
            previous_end, votes_seen = match.end(), True
            yield (_F.YES_VOTES if yes else _F.NO_VOTES), value, approximate, start
            continue
        if votes_seen and _AGAINST.match(after):  # "1,987 votes for it and 3,388 against"
            previous_end = match.end()
            yield _F.NO_VOTES, value, approximate, start
            continue
        if not signatures:
            continue
        # The words since the previous figure say what this one counts.
        window = sentence[max(previous_end, start - BEFORE_WIDTH) : start]
        field = _signature_kind(window, after, value)
        if field and not (_SO_FAR.search(sentence) and _GATHERED.search(window)):
            previous_end = match.end()
            yield field, value, approximate, start


def _shares(sentence: str):
    for match in _PERCENT.finditer(sentence):
        start = match.start()
        after = sentence[match.end() :]
        side = _SHARE_SIDE.search(sentence, max(0, start - 60), start)
        if _SHARE_YES.match(after) or (side and side["side"].lower() == "yes"):
            field = YES_PERCENT
        elif _SHARE_NO.match(after) or (side and side["side"].lower() == "no"):
            field = NO_PERCENT
        elif _SHARE_OF_VOTE.match(after) and (outcome := _outcome(sentence)):
            field = YES_PERCENT if outcome == EffortStatus.RECALLED else NO_PERCENT
        else:
            continue  # turnout, a threshold, a share of registered voters
        hedge = _HEDGE.search(sentence, max(0, start - 20), start)
        yield field, round(float(match["digits"])), _hedged(hedge), start


def _outcome(sentence: str) -> str | None:
    status = recall_signal(sentence)
    return status if status in (EffortStatus.RECALLED, EffortStatus.RETAINED) else None


def _vote_pairs(sentence: str):
    """(field, value, approximate, position) for "5,210 votes to 4,388" in a sentence whose
    outcome says which side won: the larger count is the winner's."""
    for pair in _VOTE_PAIR.finditer(sentence):
        if "vote" not in pair.group() or not (outcome := _outcome(sentence)):
            continue
        counts = [int(pair[name].replace(",", "")) for name in ("first", "second")]
        winner, loser = max(counts), min(counts)
        yes, no = (winner, loser) if outcome == EffortStatus.RECALLED else (loser, winner)
        yield _F.YES_VOTES, yes, False, pair.start()
        yield _F.NO_VOTES, no, False, pair.start()


def _count_value(match: re.Match) -> int | None:
    scale = match["scale"] or match.groupdict().get("short")
    if match.groupdict().get("word"):
        return round(_WORDS[match["word"].lower()] * _SCALES[scale.lower()])
    digits = match["digits"].replace(",", "")
    number = float(digits)
    if scale:
        number *= _SCALES[scale.lower()]
    elif "." in digits:
        return None  # "1.5" alone is no count
    return round(number)


def _hedged(hedge: re.Match | None) -> bool:
    """ "roughly 51,000", "more than 83,000" (not "only 6,700")."""
    return hedge is not None and hedge["hedge"].lower() != "only"


def _round(match: re.Match, value: int) -> bool:
    """A figure in millions or thousands ("2.1 million", "80K", "two million"), or tens of
    thousands written round ("80,000"), is rounded by its writer."""
    if match["scale"] or match.groupdict().get("short"):
        return True
    return value >= ROUND_FROM and value % 1000 == 0


def _not_a_count(match: re.Match, after: str) -> bool:
    if match.groupdict().get("digits") and not (match["scale"] or match["short"]):
        digits = match["digits"]
        if _YEAR.fullmatch(digits) and not _AFTER_SIGNATURES.match(after):
            return True  # "in 2021"
    return bool(_AFTER_NOT.match(after))


def _signature_kind(before: str, after: str, value: int) -> str | None:
    """What a figure in a sentence about signatures counts, from the words around it."""
    if kind := _AFTER_KIND.match(after):
        return _KINDS[kind.lastgroup]
    followed = bool(_AFTER_SIGNATURES.match(after))
    if not followed and value < 100:
        return None  # a small bare number is a day, an age, a count of something else
    cues = list(_BEFORE_KIND.finditer(before))
    cue = cues[-1].lastgroup if cues else None
    if cue in ("required", "projected"):
        return _KINDS[cue]
    if _AFTER_VALID.match(after):
        return _F.SIGNATURES_VALID
    return _KINDS[cue] if cue else None


def _date(
    sentence: str, field: str, where: int, published: PartialDate | None
) -> tuple[PartialDate | None, str]:
    """When the figure was reported: a requirement as of the article's date; a count on
    the date of the step the sentence gives (not a deadline, not a date ahead), else the
    article's date."""
    if field != _F.SIGNATURES_REQUIRED:
        dates = [
            d
            for d in dates_in(sentence, published)
            if not _DEADLINE.search(sentence[: d.start])
            and not _AHEAD.search(sentence[max(0, d.start - 40) : d.start])
            and (published is None or d.date.value <= published.last_day)
        ]
        clause = _clause(sentence, where)
        dates = [d for d in dates if clause[0] <= d.start < clause[1]]
        if dates:
            nearest = min(dates, key=lambda d: abs(d.start - where))
            return nearest.date, nearest.note or "the date the sentence gives"
    if published is None:
        return None, ""
    return published, "the article's date"


def _clause(sentence: str, where: int) -> tuple[int, int]:
    """The span of the clause around ``where`` ("..., but the registrar found ...")."""
    start, end = 0, len(sentence)
    for match in _CLAUSE.finditer(sentence):
        if match.end() <= where:
            start = match.end()
        elif match.start() > where:
            end = match.start()
            break
    return start, end
