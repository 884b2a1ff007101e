"""Folding text for comparison. Four rules that look alike differ on purpose in what they
keep, so they live side by side here:

- ``fold``: accents stripped, case folded ("Gascón" → "gascon"), for matching a search term
  against any text (``recalls.querysets.accent_insensitive_pattern``).
- ``fold_word``: ``fold`` that also drops a possessive 's ("GASCÓN'S" → "gascon"), for
  comparing names word by word (the article matcher, ``articles.mentions``).
- ``fold_char``: one character in, one character out (a letter whose folding is longer
  stays itself, lower-cased), so a folded text keeps the original's length and offsets
  found in it mark the same words in the original (search highlights).
- ``normalise_text``: NFKC, straight quote marks, single spaces, case folded, accents
  kept, for whether a quote occurs in its article and for an article's content hash.
"""

import re
import unicodedata
from functools import lru_cache

# Curly quotes and primes as the straight marks a quote pasted from elsewhere may use.
QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})
_POSSESSIVE = re.compile(r"['’][sS]\Z")


def fold(text: str) -> str:
    """Lower case without accents: "Gascón" → "gascon"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """ "GASCÓN'S" → "gascon": accents stripped, case folded, possessive dropped."""
    return fold(_POSSESSIVE.sub("", word))


def fold_char(char: str) -> str:
    """One character folded to one character, so a folded text keeps its length."""
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char.lower()


def normalise_text(text: str) -> str:
    """Compare texts loosely: Unicode NFKC, straight quotes, single spaces, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTE_MARKS)
    return " ".join(text.split()).casefold()  # split(): what \s+ matches, 4× faster
