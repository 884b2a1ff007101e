"""Seed mentions: the seed articles are curated documents, so the officials and efforts they
name are confirmed mentions at seed time (an imported article's mentions wait for review).

The importer's own mention finder (``articles.suggestions.links_find``) reads each seed
article; a link is confirmed only when the words it matched occur in the article's text,
so nothing is linked that a reader could not find there. Like every seed record, a mention
is created only when missing (known by article and subject), an existing one is left as an
editor made it (a rejected suggestion stays rejected), and one deleted since is not made
again.
"""

from __future__ import annotations

from articles.mentions.matcher import Matcher
from articles.models import Mention, ReviewStatus
from articles.suggestions import links_find
from seeding.seed_registry import SeedRecords, seed_key


def article_text(article) -> str:
    """Headline, standfirst and body, whitespace collapsed: what the finder read."""
    parts = (article.title, article.dek, article.body)
    return " ".join(" ".join(part for part in parts if part).split())


def justified(mention: Mention, text: str) -> bool:
    """Every form the finder matched occurs, as written, in the article."""
    forms = [" ".join(form.split()) for form in mention.matched_text.split("; ")]
    return all(form and form in text for form in forms)


def load_seed_mentions(loader: SeedRecords) -> None:
    """Confirmed mentions for the seed articles (those the seed files name)."""
    matcher = Matcher.from_database()
    for title, article in sorted(loader.articles.items()):
        text = article_text(article)
        mentions, _ = links_find(article=article, matcher=matcher)
        for mention in mentions:
            if not justified(mention, text):
                continue
            subject = mention.official or mention.effort
            kind = "official" if mention.official_id else "effort"
            which = {kind: subject}
            loader.record(
                Mention,
                key=seed_key("article", title, "mention", kind, subject.slug),
                where=f"mention of {kind} {subject.slug} in article {title[:50]!r}",
                fields={
                    "article": article,
                    **which,
                    "matched_text": mention.matched_text,
                    "status": ReviewStatus.CONFIRMED,
                },
                adopt={"article": article, **which},
            )
