"""One search over efforts, officials, elections and articles.

PostgreSQL: full-text search with the ``recalls_unaccent`` configuration (accents folded,
English stemming), ``websearch`` syntax ("quoted phrases", ``-excluded``, ``or``) plus
prefix matching for partial words, ranked with headline hits first (weights A > B > C),
and highlighted snippets. Articles use the GIN index built on the same expression.

SQLite: accent- and case-insensitive matching of every word, headline hits ranked first,
and a snippet cut around the first hit. Same results page, same tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.search_config import CONFIG, stored_vector
from core.text import fold_char
from recalls.models import Election, Jurisdiction, Official, RecallEffort
from recalls.querysets import text_match

MAX_QUERY = 200
RECORDS, ARTICLES = "records", "articles"
WEBSEARCH, PREFIX, WORDS = "websearch", "prefix", "words"
ID_MARGIN = 1000  # newest_article: how far below the newest id new articles are looked for


def _article_model():
    # Articles cite recall records, so articles imports recalls and not the other way round:
    # the search reads articles by the model's name.
    return apps.get_model("articles", "Article")


_START, _STOP = "\x02", "\x03"


@dataclass
class SearchResults:
    query: str
    efforts: list = field(default_factory=list)  # ids: shown as cached items (recalls/items.py)
    officials: list = field(default_factory=list)
    elections: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.efforts) + len(self.officials) + len(self.elections) + len(self.articles)


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY]


def words(query: str) -> list[str]:
    folded = "".join(fold_char(c) for c in query)
    return [w for w in re.findall(r"\w+", folded) if w][:12]


def mark_snippet(text: str, query: str, width: int = 90) -> SafeString:
    """A piece of ``text`` around the first hit, escaped, with every hit in <mark>."""
    folded = "".join(fold_char(c) for c in text)  # same length as text
    terms = sorted(set(words(query)), key=len, reverse=True)
    spans = []
    for term in terms:
        spans += [(m.start(), m.end()) for m in re.finditer(r"\b" + re.escape(term), folded)]
    if not spans:
        return mark_safe(
            escape(text[: width * 2].rsplit(" ", 1)[0] + ("…" if len(text) > width * 2 else ""))
        )
    first = min(s for s, _ in spans)
    start = max(0, text.rfind(" ", 0, max(0, first - width)) + 1) if first > width else 0
    end = min(len(text), first + width)
    end = text.find(" ", end) if text.find(" ", end) != -1 else len(text)
    pieces, cursor = [], start
    for s, e in sorted(spans):
        if s < cursor or s >= end:
            continue
        pieces += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece escaped above


def _headline_to_html(headline: str) -> SafeString:
    """ts_headline text with sentinel markers → escaped HTML with <mark>."""
    html = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped before the markers became tags


def _pg_query(query: str, variant: str) -> SearchQuery:
    """The websearch query, or — for partial words — every word as a prefix."""
    if variant == WEBSEARCH:
        return SearchQuery(query, search_type="websearch", config=CONFIG)
    return SearchQuery(" & ".join(f"{t}:*" for t in words(query)), search_type="raw", config=CONFIG)


def _pg_matching(model, search_query):
    """Ids of ``model``'s rows whose stored vector matches: a GIN index scan."""
    return (
        model.objects.alias(search_vector=stored_vector(model))
        .filter(search_vector=search_query)
        .order_by()
        .values("pk")
    )


def _pg_ranked(queryset, ids, rank, limit):
    """The matching rows, best first; ``rank`` is computed for those rows only."""
    return list(
        queryset.filter(pk__in=ids)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "pk")[:limit]
    )


def _pg_ranked_ids(queryset, ids, rank, limit) -> list[int]:
    return list(
        queryset.filter(pk__in=ids)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _pg_records(query: str, search_query, limit: int) -> SearchResults:
    """Each kind of record in one query. Names match through the stored, indexed vectors; a
    place's name through its jurisdiction's; an effort also through its targets' names
    ("Boudin" finds his recall, after the efforts named for it)."""

    def rank(model):
        return SearchRank(stored_vector(model), search_query)

    def place_rank(path):
        return SearchRank(SearchVector(path, weight="B", config=CONFIG), search_query)

    places = _pg_matching(Jurisdiction, search_query)
    official_ids = _pg_matching(Official, search_query)
    effort_ids = _pg_effort_ids(search_query)
    election_ids = _pg_matching(Election, search_query).union(
        Election.objects.filter(jurisdiction__in=places).order_by().values("pk")
    )
    return SearchResults(
        query=query,
        efforts=_pg_ranked_ids(
            RecallEffort.objects.all(),
            effort_ids,
            rank(RecallEffort) + place_rank("office__jurisdiction__name"),
            limit,
        ),
        officials=_pg_ranked(Official.objects.for_list(), official_ids, rank(Official), limit),
        elections=_pg_ranked(
            Election.objects.for_list(),
            election_ids,
            rank(Election) + place_rank("jurisdiction__name"),
            limit,
        ),
    )


def _pg_effort_ids(search_query):
    """The efforts matching by their own text, their place's name or a target's name."""
    places = _pg_matching(Jurisdiction, search_query)
    official_ids = _pg_matching(Official, search_query)
    return _pg_matching(RecallEffort, search_query).union(
        RecallEffort.objects.filter(office__jurisdiction__in=places).order_by().values("pk"),
        RecallEffort.objects.filter(targets__in=official_ids).order_by().values("pk"),
    )


def matching_efforts(query: str, variant: str):
    """The ids of the efforts that match ``variant`` of ``query`` now, ranked or not: those a
    search's records part could show (recalls/search_page.py)."""
    if variant == WORDS:
        efforts = RecallEffort.objects.order_by()
        for term in words(query):
            efforts = efforts.matching(term)
        return efforts.values_list("pk", flat=True)
    return _pg_effort_ids(_pg_query(query, variant)).values_list("pk", flat=True)


def _pg_articles(query: str, search_query, limit: int) -> SearchResults:
    """Headline hits first (weights A > B > C), with highlighted snippets; through the GIN
    index built on the same expression."""
    Article = _article_model()
    articles = list(
        # The vector of the row itself, not its id among the matches': for a common word
        # (tens of thousands of matches) the planner joined the table to itself by hashing
        # both whole, ~1 s at newsroom scale.
        Article.objects.for_list()
        .alias(search_vector=stored_vector(Article))
        .filter(search_vector=search_query)
        .annotate(
            search_rank=SearchRank(stored_vector(Article), search_query),
            headline=SearchHeadline(
                "body",
                search_query,
                config=CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-search_rank", F("published_on").desc(nulls_last=True))[:limit]
    )
    for article in articles:
        article.snippet = _headline_to_html(article.headline)
    return SearchResults(query=query, articles=articles)


def _all_words(queryset, terms, *fields):
    for term in terms:
        queryset = queryset.filter(text_match(term, *fields))
    return queryset


def _fallback_records(query: str, limit: int) -> SearchResults:
    efforts = RecallEffort.objects.all()
    officials = Official.objects.for_list()
    elections = Election.objects.for_list()
    for term in words(query):
        efforts, officials, elections = (
            efforts.matching(term),
            officials.matching(term),
            elections.matching(term),
        )
    return SearchResults(
        query=query,
        efforts=list(efforts.values_list("pk", flat=True)[:limit]),
        officials=list(officials[:limit]),
        elections=list(elections[:limit]),
    )


def _fallback_articles(query: str, limit: int) -> SearchResults:
    terms = words(query)
    articles = _all_words(_article_model().objects.for_list(), terms, "title", "dek", "body")
    title_hit = Case(
        *[When(text_match(term, "title"), then=Value(1)) for term in terms[:1]],
        default=Value(0),
        output_field=IntegerField(),
    )
    articles = list(
        articles.annotate(title_hit=title_hit).order_by(
            "-title_hit", F("published_on").desc(nulls_last=True), "title"
        )[:limit]
    )
    for article in articles:
        article.snippet = mark_snippet(article.body, query)
    return SearchResults(query=query, articles=articles)


def newest_article() -> int:
    """The id above which a search's articles part looks for new articles (``articles_since``):
    the newest article's, less a margin for the articles still being written while it was read
    (ids are handed out before their transactions commit, an import's batch at a time, so an
    article can become visible after one with a higher id)."""
    newest = _article_model().objects.order_by("-pk").values_list("pk", flat=True).first()
    return max(0, (newest or 0) - ID_MARGIN)


def articles_since(query: str, variant: str, after: int):
    """The articles with an id above ``after`` that match ``variant`` of ``query``: those a
    search's articles part saw when it was read, and later those that could change it."""
    newer = _article_model().objects.filter(pk__gt=after)
    if variant == WORDS:
        return _all_words(newer, words(query), "title", "dek", "body")
    vector = stored_vector(_article_model())
    return newer.alias(search_vector=vector).filter(search_vector=_pg_query(query, variant))


def variants(query: str) -> list[str]:
    """The ways ``query`` is tried, in turn until one finds anything: on PostgreSQL the
    websearch query, then every word as a prefix; elsewhere every word."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        return [WEBSEARCH, PREFIX] if words(query) else [WEBSEARCH]
    return [WORDS] if words(query) else []


def search_part(query: str, variant: str, part: str, *, limit: int = 20) -> SearchResults:
    """One part of the results of one variant: the records (efforts, officials, elections)
    or the articles. Apart, so that a page can keep each until what it read changes: a new
    article changes only the articles (recalls/search_page.py)."""
    if variant == WORDS:
        return (_fallback_records if part == RECORDS else _fallback_articles)(query, limit)
    search_query = _pg_query(query, variant)
    return (_pg_records if part == RECORDS else _pg_articles)(query, search_query, limit)


def site_search(raw_query: str, *, limit: int = 20) -> SearchResults:
    """The whole search in one call: both parts of the first variant that finds anything.
    The page keeps the parts apart instead (recalls/search_page.py ``search_results``)."""
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    for variant in variants(query):
        records = search_part(query, variant, RECORDS, limit=limit)
        articles = search_part(query, variant, ARTICLES, limit=limit).articles
        results = SearchResults(
            query, records.efforts, records.officials, records.elections, articles
        )
        if results.total:
            break
    return results
