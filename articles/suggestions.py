"""What an article suggests: who and what it mentions and its dated recall facts.

The importer stores these in bulk for a whole batch (``articles.services``); the functions
here read one article's text and build its suggestions, unsaved, or store them for an
article already in the database.
"""

from __future__ import annotations

from simple_history.utils import bulk_create_with_history

from articles.duplicates import facts_mark_duplicates
from articles.facts import FactFound, find_facts
from articles.mentions.matcher import Found, Matcher
from articles.models import Article, Mention, SuggestedFact
from editorial.context import change_reason


def links_scan(*, article: Article, matcher: Matcher) -> tuple[Found, list[FactFound]]:
    """Who and what the article's text mentions, and its dated recall facts."""
    text = "\n\n".join(part for part in (article.title, article.dek, article.body) if part)
    published = article.published.value if article.published else None
    found = matcher.scan(text, published)
    for note in found.notes:  # stored with a new article: why an effort was left unlinked
        if note not in article.note:
            article.note = f"{article.note}\n{note}".strip()
    # Facts first (the effort a fact is about is linked too), at the article date's own
    # precision; a headline dates no step.
    return found, find_facts(text, found, article.published, len(text) - len(article.body))


def links_find(
    *, article: Article, matcher: Matcher, scan: tuple[Found, list[FactFound]] | None = None
) -> tuple[list[Mention], list[SuggestedFact]]:
    """Who and what the article mentions, and its dated recall facts, unsaved (from
    ``scan`` when the text was scanned already)."""
    found, facts_found = scan or links_scan(article=article, matcher=matcher)
    mentions = [
        Mention(article=article, official_id=pk, matched_text="; ".join(forms)[:300])
        for pk, forms in found.officials.items()
    ] + [
        Mention(article=article, effort_id=pk, matched_text=forms[0][:300])
        for pk, forms in found.efforts.items()
    ]
    facts = []
    for fact in facts_found:
        suggestion = SuggestedFact(
            article=article,
            effort_id=fact.effort,
            quote=fact.quote,
            description=fact.quote,
            date_note=fact.date_note,
            proposed_status=fact.status,
        )
        suggestion.date = fact.date
        facts.append(suggestion)
    return mentions, facts


def article_suggest_links(*, article: Article, matcher: Matcher) -> tuple[int, int]:
    """Store who and what a stored article mentions, and its dated recall facts, as
    suggestions; those already stored are left as they are. Returns (mentions, facts) added.
    """
    mentions, facts = links_find(article=article, matcher=matcher)
    # Bulk operations keep history too (#5). Pairs already stored are skipped here rather
    # than by ignore_conflicts, which would make simple-history match rows field by field.
    mentions = mentions_not_stored(article, mentions)
    if mentions:
        bulk_create_with_history(mentions, Mention, default_change_reason=change_reason())
    facts_mark_duplicates(facts=facts)
    SuggestedFact.objects.bulk_create(facts, ignore_conflicts=True)
    return len(mentions), len(facts)


def mentions_not_stored(article: Article, mentions: list[Mention]) -> list[Mention]:
    if not mentions:
        return []
    stored = set(Mention.objects.filter(article=article).values_list("official_id", "effort_id"))
    return [m for m in mentions if (m.official_id, m.effort_id) not in stored]
