"""Plain-text news articles of any common shape.

A headline line, then an optional header of short lines in any order (the outlet, a
byline, a date line, several of them joined with "·" or "|"), then the body; a dateline
("SAN FRANCISCO (AP) —", "Nov 16 (Reuters) -") may name the outlet, and a press release
("FOR IMMEDIATE RELEASE", "CITY — October 21, 2021 —") or a foot line ("Associated Press,
May 23, 2024"; "— Staff and wire reports, Long Beach Post") may give the date or the
outlet. Nothing here guesses a date from the story's text: a page without a date line has
no date.
"""

from __future__ import annotations

import re

from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    collapse_whitespace,
    first_sentence,
    parse_published,
)
from core.dates import PartialDate

# Lines of a press release's letterhead, not its headline.
_BOILERPLATE = re.compile(
    r"\A(?:for immediate release|news release|press release|media advisory|contacts?:|"
    r"media contacts?:|embargoed|###|-30-|editor'?s note:?\Z)",
    re.IGNORECASE,
)
_HEADER_MAX = 120  # a header line is short; the first longer one starts the body
_BYLINE = re.compile(r"\A(?:by|written by)\s+(?P<rest>.+)\Z", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"\A(?:posted|published|updated|last updated|first published|date)\s*(?:on|:)?\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[·|•]\s+|\s+\|\s*|\s*\|\s+")
_WIRE = {"ap": "Associated Press", "reuters": "Reuters", "afp": "AFP", "upi": "UPI"}
_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Za-z .,'’-]{1,60}?)\s*\((?P<outlet>[^()\n]{2,40})\)\s*[—–-]{1,2}\s*"
)
_RELEASE_DATE = re.compile(
    r"\A[A-Z][A-Za-z .,'’-]{1,60}?\s+[—–-]{1,2}\s+(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s+[—–-]"
)
_FOOT = re.compile(r"\A[—–-]*\s*(?P<text>[^.!?]{3,100})\Z")
_STAFF = re.compile(
    r"\A(?:(?:senior|staff|special|contributing|political|chief)\s+)*"
    r"(?:staff|writer|correspondent|contributor|reporter|editor)s?\Z|\bwire reports\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\A\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4}\Z", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE = re.compile(r"[a-z0-9)”\"'][.!?][”\"']?(?:\s|\Z)")


def looks_like_plain(text: str) -> bool:
    """Running prose: enough words, and at least one sentence that ends."""
    sample = text[:20000]
    return len(_WORDS.findall(sample)) >= 12 and bool(_SENTENCE.search(sample))


def parse_plain(text: str, source_name: str) -> list[ParsedArticle]:
    blocks = [
        [line.strip() for line in block.splitlines() if line.strip()]
        for block in re.split(r"\n\s*\n", text.strip())
    ]
    lines = [(number, line) for number, block in enumerate(blocks) for line in block]
    header = Header()
    position = _read_letterhead(lines, header)
    title, title_derived = "", False
    if position < len(lines) and _is_short(lines[position][1]) and lines[position][1][-1] != ".":
        title = lines[position][1]
        position += 1
    while position < len(lines) and _is_short(lines[position][1]):
        if not header.read(lines[position][1]):
            break
        position += 1
    if position >= len(lines):
        raise ArticleImportError("a plain-text article with no text after its headline")
    paragraphs: list[str] = []
    block_of_last = None
    for number, line in lines[position:]:
        if block_of_last == number:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        block_of_last = number
    paragraphs = [collapse_whitespace(p) for p in paragraphs if not _BOILERPLATE.match(p)]
    header.read_dateline(paragraphs[0])
    header.read_foot(paragraphs)
    if header.is_release and not header.outlet:
        header.outlet = _issuer(paragraphs)
    body = "\n\n".join(paragraphs)
    if not title:
        title, title_derived = first_sentence(body), True
    return [
        ParsedArticle(
            title=title,
            title_derived=title_derived,
            body=body,
            author=header.author,
            outlet=header.outlet,
            published=header.published,
            source_name=source_name,
        )
    ]


def _is_short(line: str) -> bool:
    return len(line) <= _HEADER_MAX


def _read_letterhead(lines: list[tuple[int, str]], header: Header) -> int:
    """Skip a release's letterhead above its headline: the release marker, a date line and
    the contact block (its label, a name, a phone number, an address); keep its date and
    issuer. Returns the position of the first line after it."""
    position, contact_block = 0, None
    while position < len(lines):
        block, line = lines[position]
        if _BOILERPLATE.match(line):
            header.is_release = True
            if header.read_contact(line):
                contact_block = block
        elif block == contact_block or _CONTACT_DETAIL.search(line):
            pass
        elif header.is_release and (date := _date_of(line)):
            header.published = header.published or date
        else:
            break
        position += 1
    return position


# A phone number, an e-mail address or a web address: a contact detail, never a name.
_CONTACT_DETAIL = re.compile(
    r"\(?\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}|\S+@\S+\.\w+|\Awww\.|\Ahttps?://", re.IGNORECASE
)
# Who a contact is, not whom they speak for.
_JOB_TITLE = re.compile(
    r"\b(?:director|manager|coordinator|spokes(?:person|woman|man)|secretary|officer|"
    r"communications|media relations|press office|chair|president|consultant)\b",
    re.IGNORECASE,
)
# A release's closing boilerplate names its issuer: "About the Visalia Taxpayers Alliance:",
# "Hanford Parents United is a volunteer group ...".
_ABOUT = re.compile(r"\AAbout (?:the )?(?P<name>[A-Z][\w&'’.-]*(?: [\w&'’.-]+){0,7}?)\s*[:—–-]")
_IS_A = re.compile(
    r"\A(?:The )?(?P<name>[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|for|and|the)){1,7}) "
    r"(?:is|are) (?:a|an|the)\b"
)


def _issuer(paragraphs: list[str]) -> str:
    """The organisation a release's closing boilerplate describes, when the body names it."""
    for paragraph in reversed(paragraphs[1:]):
        match = _ABOUT.match(paragraph) or _IS_A.match(paragraph)
        if match and not _JOB_TITLE.search(match["name"]):
            return match["name"]
    return ""


class Header:
    """What the short lines under a headline say: outlet, author, date."""

    def __init__(self) -> None:
        self.outlet = ""
        self.author = ""
        self.published: PartialDate | None = None
        self.is_release = False

    def read(self, line: str) -> bool:
        """Take one header line; False when it is not a header line (the body starts)."""
        if line.casefold().startswith(("contact", "media contact")):
            self.is_release = True
            self.read_contact(line)
            return True
        if _CONTACT_DETAIL.search(line) and len(line.split()) <= 6:
            return True
        parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
        if not all(self._reads_as_header(p) for p in parts):
            return False
        for part in parts:
            self._take(part)
        return True

    def _reads_as_header(self, part: str) -> bool:
        if _TIME.match(part) or _date_of(part) or _BYLINE.match(part):
            return True
        # A name or an outlet: a few words, no sentence, not a dateline.
        return len(part.split()) <= 8 and not part.endswith((".", "?", "!", "—", ":"))

    def _take(self, part: str) -> None:
        if _TIME.match(part):
            return
        if self.published is None and (date := _date_of(part)):
            self.published = date
            return
        if byline := _BYLINE.match(part):
            self._byline(byline["rest"])
            return
        if re.search(r"\b(?:and|&)\b", part) or (self.outlet and not self.author):
            self.author = self.author or part  # "Gillian McGoldrick and Chris Brennan"
        elif not self.outlet:
            self.outlet = part

    def _byline(self, rest: str) -> None:
        """ "Tom Hardy, The Beach Reporter", "Jeff Thompson (OPB)", "JANIE HAR Associated Press",
        "Tamara Keith, NPR"; a staff title ("STAFF WRITER") is not an outlet."""
        if match := re.match(r"\A(?P<name>.+?)\s*\((?P<outlet>[^()]+)\)\Z", rest):
            self.author, outlet = match["name"], match["outlet"]
        elif "," in rest:
            name, outlet = (p.strip() for p in rest.rsplit(",", 1))
            if _STAFF.search(outlet):
                outlet = ""
            self.author = name
        elif match := re.match(r"\A(?P<name>.+?)\s+(?P<outlet>Associated Press|Reuters)\Z", rest):
            self.author, outlet = match["name"], match["outlet"]
        else:
            self.author, outlet = rest, ""
        if outlet and not self.outlet:
            self.outlet = _WIRE.get(outlet.casefold(), outlet)

    def read_contact(self, line: str) -> bool:
        """A release's "Contact: Press Office, Organisation, press@example.org": the issuer
        (never the person, their job title or their phone number). True for a contact line."""
        if not line.casefold().startswith(("contact", "media contact")):
            return False
        parts = [p.strip() for p in line.split(":", 1)[-1].split(",")]
        parts = [p for p in parts if p and "@" not in p and not re.search(r"\d", p)]
        if len(parts) >= 2 and not self.outlet and not _JOB_TITLE.search(parts[-1]):
            self.outlet = parts[-1]
        return True

    def _dashed_foot(self, line: str) -> bool:
        """A date and a name on either side of a dash: the date and the outlet signing it."""
        if not (match := _DASHED_FOOT.match(line.strip())):
            return False
        for date_part, name in ((match["a"], match["b"]), (match["b"], match["a"])):
            date = _date_of(date_part)
            if date and _is_signature(name):
                if self.published is None:
                    self.published = date
                if not self.outlet and not _STAFF.search(name):
                    self.outlet = _WIRE.get(name.casefold(), name.strip())
                return True
        return False

    def read_dateline(self, paragraph: str) -> None:
        if (match := _DATELINE.match(paragraph)) and (date := _date_of(match["outlet"])):
            # "VISALIA, Calif. (March 14, 2023) —": a release's date, not an outlet.
            self.published = self.published or date
        elif match and not self.outlet:
            outlet = match["outlet"].strip()
            self.outlet = _WIRE.get(outlet.casefold(), outlet)
        if self.published is None and (match := _RELEASE_DATE.match(paragraph)):
            self.published = _date_of(match["date"])
        if not self.outlet and (
            match := re.match(
                r"\A(?:[A-Z][A-Z .'-]+,\s+)?[A-Z][a-z]{2,8}\.? \d{1,2} \((?P<wire>Reuters|AP|AFP)\)",
                paragraph,
            )
        ):
            self.outlet = _WIRE[match["wire"].casefold()]

    def read_foot(self, paragraphs: list[str]) -> None:
        """A last line that signs the article: "Associated Press, May 23, 2024",
        "Feb. 16, 2022 — Mission Local"."""
        if len(paragraphs) >= 2 and self._dashed_foot(paragraphs[-1]):
            paragraphs.pop()
            return
        dashed = _DASHED_DATE.match(paragraphs[-1]) if len(paragraphs) >= 2 else None
        if dashed and (date := _date_of(dashed["date"])):  # "— Sept. 9, 2022" at the foot
            paragraphs.pop()
            self.published = self.published or date
            return
        if len(paragraphs) < 2 or not (match := _FOOT.match(paragraphs[-1])):
            return
        parts = [p.strip() for p in match["text"].split(",")]
        date = _date_of(", ".join(parts[1:])) if len(parts) > 1 else None
        if date or paragraphs[-1].startswith(("—", "–", "-")):
            paragraphs.pop()
            if self.published is None and date:
                self.published = date
            outlet = parts[0] if date else parts[-1]
            if not self.outlet and not _STAFF.search(outlet):
                self.outlet = _WIRE.get(outlet.casefold(), outlet)


_DASHED_DATE = re.compile(r"\A[—–-]{1,2}\s*(?P<date>[^—–\n]{6,40}?)\s*\Z")


def _is_signature(name: str) -> bool:
    """A name that can sign a foot line ("LAist", "KSEE 24"), not a sentence or a date."""
    return (
        len(name.split()) <= 6
        and not name.rstrip().endswith((".", "!", "?", ":"))
        and not _DATE_SHAPE.search(name)
        and bool(re.search(r"[A-Z][A-Za-z]", name))
    )


_DASHED_FOOT = re.compile(r"\A(?P<a>[^—–|\n]{3,60}?)\s+[—–|]\s+(?P<b>[^—–|\n]{3,60})\Z")


_DATE_SHAPE = re.compile(
    r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2}(?:,|\s)|\d{4})",
    re.IGNORECASE,
)


def _date_of(part: str) -> PartialDate | None:
    """A header part that is a date ("Posted: Tue, 11/02/2021 - 6:05pm", "Sept. 2022")."""
    part = _DATE_LABEL.sub("", part).strip()
    if not _DATE_SHAPE.search(part) or len(part) > 60:
        return None
    # The time of day and its zone say nothing about the day the page gives.
    part = re.split(r"\s+(?:at\s+)?\d{1,2}:\d{2}|\s+-\s+\d|,\s+\d{1,2}:\d{2}|\s+·", part)[0]
    part = re.sub(r"\bSept\b", "Sep", part.replace("Sept.", "Sep."))
    try:
        return parse_published(part.strip(" ,·"))
    except ArticleImportError:
        return None
