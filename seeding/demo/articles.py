"""The articles of the demo data set, made and inserted batch by batch (never all in memory)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, Citation, Mention, Outlet, ReviewStatus
from articles.services import content_hash
from core.dates import Precision
from recalls.models import TimelineEvent
from seeding.demo.shapes import PREFIX, random_date, skewed, spread
from seeding.demo.words import DEKS, HEADLINES, NAMED, SURNAMED


class ArticleMaker:
    """The part of ``DemoGenerator`` that makes outlets, articles, mentions and citations."""

    def make_articles(self) -> None:
        rng = self.rng
        outlets = self.insert(
            Outlet,
            [
                Outlet(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}",
                    url=f"https://{slugify(name)}.example/",
                )
                for name in self.words.outlets(40)
            ],
        )
        event_type = ContentType.objects.get_for_model(TimelineEvent)
        per_article = spread(self.n_mentions, self.n_articles, rng)
        for start in range(0, self.n_articles, self.batch_size):
            numbers = range(start, min(start + self.batch_size, self.n_articles))
            articles, mentions, citations = [], [], []
            for n in numbers:
                article, links = self._article(n, per_article[n], outlets)
                articles.append(article)
                mentions.extend(links[0])
                citations.extend(links[1])
            with transaction.atomic():
                self.insert(Article, articles)
                for mention in mentions:
                    mention.article_id = mention.article.pk
                self.insert(Mention, mentions)
                for citation in citations:
                    citation.article_id, citation.content_type = citation.article.pk, event_type
                self.insert(Citation, citations)
            self.progress(f"{numbers.stop:,} of {self.n_articles:,} articles")

    def _article(self, n: int, mention_count: int, outlets) -> tuple[Article, tuple[list, list]]:
        """One article, its mentions and its citations (quotes taken from its own text)."""
        rng, text = self.rng, self.words
        picked = {skewed(rng, len(self.efforts)) for _ in range(round(mention_count * 0.2))}
        efforts = [self.efforts[i] for i in sorted(picked)]
        people = {self.targets_of[i][0].pk: self.targets_of[i][0] for i in sorted(picked)}
        wanted = min(mention_count - len(efforts), len(self.officials))
        while len(people) < wanted:
            person = self.officials[skewed(rng, len(self.officials))]
            people[person.pk] = person
        sentences, quotes = [], []
        for effort in efforts:
            events = self.status_events.get(effort.pk)
            if events:
                event_pk, description = rng.choice(events)
                quote = f"{description.rstrip('.')}, in the {effort.title}."
                sentences.append(quote)
                quotes.append((event_pk, quote))
            else:
                sentences.append(f"The {effort.title} is still in its early days.")
        for person in people.values():
            surname = person.sort_name.split(",")[0]
            sentences.append(rng.choice(NAMED).format(name=person.name))
            sentences.append(rng.choice(SURNAMED).format(surname=surname))
        body = text.body(sentences, length=rng.randint(1000, 4000))
        body += f"\n\n(Synthetic demo article {n}.)"
        lead = next(iter(people.values()), None)
        title = rng.choice(HEADLINES).format(name=lead.name if lead else text.place(n))
        outlet = rng.choice(outlets)
        published = random_date(rng, dt.date(2010, 1, 1), self.today)
        article = Article(
            title=title,
            slug=f"{PREFIX}{slugify(title)[:60].strip('-')}-{n}",
            outlet=outlet,
            url=f"{outlet.url}{published:%Y/%m}/{n}",
            author=" ".join(text.person(rng.randrange(len(text.first) * len(text.last)))),
            dek=rng.choice(DEKS),
            body=body,
            content_hash=content_hash(body),
            source_name=f"generate_demo_data#{n}",
        )
        article.published_on, article.published_precision = published, Precision.DAY
        mentions = [
            Mention(
                article=article,
                official=person,
                matched_text=person.name,
                status=rng.choices(ReviewStatus.values, [3, 6, 1])[0],
            )
            for person in people.values()
        ] + [
            Mention(
                article=article,
                effort=effort,
                matched_text=effort.title,
                status=ReviewStatus.CONFIRMED,
            )
            for effort in efforts
        ]
        citations = [
            Citation(object_id=pk, field="status", article=article, quote=quote)
            for pk, quote in quotes
        ]
        return article, (mentions, citations)
