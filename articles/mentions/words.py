"""The word lists the matcher reads: honorifics, words that are not first names, recall
words, ordinals, titles and the words that make a surname a place."""

import re

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dr",
        "prof",
        "gov",
        "sen",
        "rep",
        "hon",
        "rev",
        "lt",
        "gen",
        "sgt",
        "det",
        "supt",
        "insp",
    ]
)
# Capitalised words that may stand right before a surname without being a first name:
# titles, and the words a sentence often starts with. Any other capitalised word there is
# read as someone else's first name ("Kristen Bell" is not "Wesley Bell").
NOT_FIRST_NAMES = frozenset(
    [
        "attorney",
        "prosecutor",
        "mayor",
        "governor",
        "sheriff",
        "judge",
        "justice",
        "supervisor",
        "councilman",
        "councilwoman",
        "councilmember",
        "alderman",
        "alderwoman",
        "trustee",
        "commissioner",
        "president",
        "senator",
        "assemblyman",
        "assemblywoman",
        "assemblymember",
        "representative",
        "congressman",
        "congresswoman",
        "chief",
        "secretary",
        "treasurer",
        "controller",
        "auditor",
        "member",
        "candidate",
        "general",
        "counsel",
        "director",
        "chair",
        "chairman",
        "chairwoman",
        "lieutenant",
        "officer",
        "speaker",
        "leader",
        "incumbent",
        "challenger",
        "former",
        "da",
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "as",
        "since",
        "after",
        "before",
        "then",
        "now",
        "still",
        "also",
        "meanwhile",
        "however",
        "though",
        "although",
        "because",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "of",
        "to",
        "yesterday",
        "today",
        "tonight",
        "later",
        "earlier",
        "last",
        "this",
        "that",
        "these",
        "those",
        "both",
        "why",
        "how",
        "what",
        "where",
        "who",
        "critics",
        "supporters",
        "opponents",
        "officials",
        "voters",
        "residents",
    ]
)
# Words that make a sentence about an effort, by the kind of effort they can mean: a
# recall's own words link recalls only, impeachment words other removal attempts only, and
# the words of removal in general any kind ("a push to oust").
RECALL_ONLY_WORDS = frozenset(
    [
        "recall",
        "recalled",
        "recalls",
        "recalling",
        "petition",
        "petitions",
        "signatures",
        "qualify",
    ]
)
IMPEACH_WORDS = frozenset(["impeach", "impeached", "impeachment", "impeaching", "impeaches"])
REMOVAL_WORDS = frozenset(["oust", "ousted", "ouster", "removed", "removal"])
RECALL_WORDS = RECALL_ONLY_WORDS | IMPEACH_WORDS | REMOVAL_WORDS
WORD_KINDS = {
    **dict.fromkeys(RECALL_ONLY_WORDS, frozenset(["recall"])),
    **dict.fromkeys(IMPEACH_WORDS, frozenset(["impeachment", "other_removal"])),
    **dict.fromkeys(REMOVAL_WORDS, frozenset(["recall", "impeachment", "other_removal"])),
}
ORDINALS = {"first": 0, "earlier": 0, "previous": 0, "second": 1, "third": 2, "latest": -1}
ORDINAL = re.compile(
    r"\b(first|earlier|previous|second|third|latest) (?:recall |removal )?"
    r"(?:campaign|effort|attempt|bid|drive|try|petition|recall)",
    re.IGNORECASE,
)
TITLES = frozenset(
    ["president", "governor", "gov", "mayor", "senator", "sen", "rep", "vice", "sheriff"]
)
# Words after a surname that make it a place or a firm ("Bell City Council", "Cooley LLP").
PLACE_WORDS = frozenset(
    [
        "city",
        "council",
        "county",
        "bakery",
        "llp",
        "inc",
        "co",
        "lawyers",
        "law",
        "firm",
        "school",
        "township",
        "street",
        "wash",
        "calif",
        "mich",
        "ore",
        "colo",
        "wis",
    ]
)
