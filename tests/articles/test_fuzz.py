"""Random and mutated input to every parser: nothing but ArticleImportError may escape."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importers import ArticleImportError, parse_bytes
from tests.articles.test_import_formats import ATOM_FEED, HTML_PAGE, JSON_LIST, RSS_FEED

SAMPLES = [
    HTML_PAGE.encode(),
    RSS_FEED.encode(),
    ATOM_FEED.encode(),
    json.dumps(JSON_LIST).encode(),
    b" date 2022-07-15 CHICAGO (NewsNation) \xe2\x80\x94 The recall effort went on.",
    "More stories\n\n  • in\n\n    Headline\n\n    Dek.Body text here. More\n".encode(),
]
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(data: bytes) -> None:
    try:
        articles = parse_bytes(data, "fuzz")
    except ArticleImportError as error:
        assert str(error) and "\n" not in str(error)
    else:
        for article in articles:
            assert article.body.strip()
            assert "<script" not in article.body.lower()


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    parses_or_refuses(data)


@FUZZ
@given(
    st.sampled_from(["<", "<?xml version='1.0'?><rss>", "{", "[", " date 2022-01-01 ", "<html>"]),
    st.text(max_size=500),
)
def test_random_text_behind_each_format_opening(opening, text):
    parses_or_refuses((opening + text).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=0, max_size=8)), max_size=6),
    st.integers(0, 10**6),
)
def test_mutated_samples(sample, edits, cut):
    data = bytearray(sample)
    for position, replacement in edits:
        position %= len(data) + 1
        data[position : position + len(replacement)] = replacement
    parses_or_refuses(bytes(data[: max(1, cut % (len(data) + 1))]))


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["title", "url", "published", "outlet", "author", "body", "x"]),
                children,
                max_size=6,
            )
        ),
        max_leaves=20,
    )
)
def test_json_of_any_shape(value):
    parses_or_refuses(json.dumps(value).encode())


@FUZZ
@given(st.text(max_size=600), st.dates())
def test_mention_and_fact_finding_take_any_text(text, published):
    from articles.facts import find_facts
    from articles.mentions.matcher import Matcher

    matcher = Matcher([(1, "George Gascón", "Gascón", ["Mr. Gascón", 3, None]), (2, "Al", "", [])])
    text += " Gascón faces a recall; signatures are due in late June."
    found = matcher.scan(text, published)
    assert set(found.officials) <= {1}
    for fact in find_facts(text, found, published):
        assert fact.quote in " ".join(text.split())
