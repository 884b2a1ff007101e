"""The public source pages: the article text with cited quotes marked, and the list."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from articles.templatetags.article_text import find_quote
from ops.query_budget import PAGE_QUERIES
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ConfirmedMentionFactory,
    EffortMentionFactory,
    MentionFactory,
    OutletFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Four years ago, prosecutors were in the sweet spot.\n\n"
    "In San Francisco, District Attorney Chesa Boudin is facing a recall vote in June, "
    "stoked by criticism from the city’s Democratic mayor.\n\n"
    "“It’s a disaster,” a former prosecutor said. <script>alert(1)</script>"
)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def article():
    return ArticleFactory(
        title="As crime surges, a backlash",
        slug="as-crime-surges",
        outlet=OutletFactory(name="The Daily Record"),
        author="A. Reporter",
        published_on=dt.date(2022, 2, 1),
        published_precision=2,
        body=BODY,
    )


def test_article_page_shows_outlet_date_author_and_paragraphs(client, article):
    response = client.get(reverse("articles:article_detail", args=[article.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<p>") >= 3
    page = text(response)
    assert "The Daily Record · February 2022 · by A. Reporter" in page
    assert "<title>As crime surges, a backlash · Recall tracker</title>" in html


def test_article_text_is_escaped(client, article):
    html = client.get(reverse("articles:article_detail", args=[article.slug])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_cited_quotes_are_marked_even_with_other_quote_marks_and_spacing(client, article):
    effort = RecallEffortFactory(title="Recall of Chesa Boudin")
    event = TimelineEventFactory(effort=effort, description="A vote was set.")
    citation = CitationFactory(
        subject=event,
        article=article,
        quote="Boudin is facing a recall vote in June,  stoked by criticism from the city's",
    )
    escaped = CitationFactory(subject=effort, article=article, quote='"It\'s a disaster," a former')
    html = client.get(reverse("articles:article_detail", args=[article.slug])).content.decode()
    assert (
        f'<mark id="quote-{citation.pk}">Boudin is facing a recall vote in June, '
        "stoked by criticism from the city’s</mark>"
    ) in html
    assert f'<mark id="quote-{escaped.pk}">“It’s a disaster,” a former</mark>' in html
    page = text(client.get(reverse("articles:article_detail", args=[article.slug])))
    assert "Facts that cite it" in page
    assert "timeline of Recall of Chesa Boudin" in page


def test_overlapping_quotes_each_get_a_marked_anchor(client, article):
    first = CitationFactory(article=article, quote="Chesa Boudin is facing a recall vote")
    second = CitationFactory(article=article, quote="a recall vote in June")
    same = CitationFactory(article=article, quote="Chesa Boudin is facing")
    html = client.get(reverse("articles:article_detail", args=[article.slug])).content.decode()
    assert (
        f'<mark id="quote-{first.pk}"><mark id="quote-{same.pk}">Chesa Boudin is facing</mark>'
        f'</mark><mark id="quote-{first.pk}"' not in html
    )
    assert (
        f'<mark id="quote-{first.pk}"><mark id="quote-{same.pk}">Chesa Boudin is facing</mark></mark>'
        in html
    )
    assert f'<mark id="quote-{second.pk}">a recall vote</mark><mark> in June</mark>' in html


def test_find_quote_maps_back_to_the_original_text():
    original = "He said “it’s   over”\nyesterday."
    start, end = find_quote(original, 'said "it\'s over" yesterday')
    assert original[start:end] == "said “it’s   over”\nyesterday"
    assert find_quote(original, "not there") is None


def test_article_page_lists_only_confirmed_mentions(client, article):
    ConfirmedMentionFactory(article=article, official__name="Chesa Boudin")
    MentionFactory(article=article, official__name="Suggested Person")
    EffortMentionFactory(article=article, effort__title="Recall of someone")
    page = text(client.get(reverse("articles:article_detail", args=[article.slug])))
    assert "Chesa Boudin" in page
    assert "Recall of someone" in page
    assert "Suggested Person" not in page


def test_unknown_article_is_404(client):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_article_list_filters_and_keeps_them_across_pages(client):
    outlet = OutletFactory(name="NewsNation", slug="newsnation")
    ArticleFactory.create_batch(
        22, outlet=outlet, published_on=dt.date(2022, 7, 15), published_precision=6
    )
    ArticleFactory(title="Another outlet's recall story")
    url = reverse("articles:article_list") + "?outlet=newsnation&year=2022"
    first = client.get(url)
    assert first.context["paginator"].count == 22
    assert 'href="?outlet=newsnation&amp;year=2022&amp;page=2"' in first.content.decode()
    assert len(client.get(url + "&page=2").context["object_list"]) == 2
    found = client.get(reverse("articles:article_list") + "?q=another+outlet")
    assert [a.title for a in found.context["object_list"]] == ["Another outlet's recall story"]


@pytest.mark.parametrize("size", [1, 50])
def test_article_pages_query_count_does_not_grow(client, django_assert_num_queries, size):
    article = ArticleFactory(body="Volunteers are collecting signatures.\n\nMore text.")
    for _ in range(size):
        effort = RecallEffortFactory()
        CitationFactory(subject=effort, article=article)
        CitationFactory(subject=TimelineEventFactory(effort=effort), article=article)
        ConfirmedMentionFactory(article=article)
        ArticleFactory()
    # article, citations (+ their content types), efforts, events, mentions
    with django_assert_num_queries(PAGE_QUERIES["article_detail"]):
        client.get(reverse("articles:article_detail", args=[article.slug]))
    with django_assert_num_queries(PAGE_QUERIES["article_list"]):
        client.get(reverse("articles:article_list") + "?q=recall")  # count, rows, outlets
