"""Seed mentions: every seeded official's page lists the seed articles that name them."""

import pytest
from django.core.management import call_command
from lxml import html

from articles.models import Article, Mention, ReviewStatus
from recalls.models import Official
from recalls.querysets import fold
from seeding.seed_mentions import article_text

pytestmark = pytest.mark.django_db


def listed_articles(client, official) -> list[Article]:
    page = html.fromstring(client.get(official.get_absolute_url()).content)
    (section,) = page.xpath('//section[@aria-labelledby="articles-heading"]')
    slugs = [href.rstrip("/").rsplit("/", 1)[-1] for href in section.xpath(".//h3//a/@href")]
    return list(Article.objects.filter(slug__in=slugs))


def test_every_seeded_official_page_lists_an_article_that_names_them(client, seeded):
    unnamed = []
    for official in Official.objects.all():
        articles = listed_articles(client, official)
        if not any(fold(official.surname) in fold(article_text(a)) for a in articles):
            unnamed.append(f"{official.slug} (lists {[a.slug for a in articles]})")
    assert not unnamed, "no listed article names: " + "; ".join(unnamed)
    assert Official.objects.count() == 28  # the whole seed was read


def test_seed_mentions_are_confirmed_and_found_in_the_text(seeded):
    mentions = Mention.objects.select_related("article")
    assert mentions.exists()
    for mention in mentions:
        assert mention.status == ReviewStatus.CONFIRMED
        text = article_text(mention.article)
        for form in mention.matched_text.split("; "):
            assert form in text, (mention, form)


def test_loading_again_keeps_a_rejected_mention_and_does_not_recreate_a_deleted_one(seeded):
    gascon = Mention.objects.filter(official__slug="george-gascon").order_by("pk")
    rejected, deleted = gascon[0], gascon[1]
    rejected.status = ReviewStatus.REJECTED
    rejected.save()
    deleted_key = (deleted.article_id, deleted.official_id)
    deleted.delete()
    count = Mention.objects.count()

    call_command("load_seed_data", verbosity=0)

    rejected.refresh_from_db()
    assert rejected.status == ReviewStatus.REJECTED
    assert Mention.objects.count() == count
    assert not Mention.objects.filter(article_id=deleted_key[0], official_id=deleted_key[1])
