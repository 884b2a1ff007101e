"""Checking that a quote really occurs in its article."""

from core.text import normalise_text


def quote_is_in(quote: str, text: str) -> bool:
    """True when ``quote`` occurs in ``text``, ignoring whitespace, quote-mark style and case."""
    needle = normalise_text(quote)
    return bool(needle) and needle in normalise_text(text)


def missing_part(quote: str, text: str) -> str:
    """The longest leading run of words of ``quote`` found in ``text``, and the first word that is not.

    Used in error messages: "found up to '…', then 'word' is not in the article".
    """
    words = quote.split()
    haystack = normalise_text(text)
    found = 0
    for end in range(1, len(words) + 1):
        if normalise_text(" ".join(words[:end])) in haystack:
            found = end
        else:
            break
    if found == len(words):
        return ""
    if found == 0:
        return f"the quote's first words “{' '.join(words[:6])}” are not in the article"
    return (
        f"“{' '.join(words[max(0, found - 6) : found])}” is in the article but what follows, "
        f"“{' '.join(words[found : found + 6])}”, is not"
    )
