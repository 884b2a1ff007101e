"""Sorting every list a reader orders, numbered pagination, and offices in date order."""

import datetime as dt

import lxml.html
import pytest

from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ElectionFactory,
    OfficeFactory,
    OfficialFactory,
    RecallEffortFactory,
    TenureFactory,
)

pytestmark = pytest.mark.django_db


def card_titles(client, url) -> list[str]:
    doc = lxml.html.fromstring(client.get(url).content)
    return [
        " ".join(h.text_content().split()) for h in doc.xpath("//section[@class='results']//h3")
    ]


def sort_choices(client, url) -> list[str]:
    doc = lxml.html.fromstring(client.get(url).content)
    return [
        o.get("value") for o in doc.xpath("//form[@class='filters']//select[@name='sort']/option")
    ]


def test_officials_sort_by_name_or_by_recall_efforts(client):
    ada, bo = (
        OfficialFactory(name="Ada Zed", sort_name="Zed, Ada"),
        OfficialFactory(name="Bo Ames", sort_name="Ames, Bo"),
    )
    RecallEffortFactory.create_batch(2, targets=[ada])
    assert sort_choices(client, "/officials/") == ["name", "efforts"]
    assert card_titles(client, "/officials/") == ["Bo Ames", "Ada Zed"]
    assert card_titles(client, "/officials/?sort=efforts") == ["Ada Zed", "Bo Ames"]
    assert bo  # listed last once sorted by efforts


def test_elections_sort_newest_oldest_or_by_name(client):
    ElectionFactory(name="B vote", date_on=dt.date(2021, 9, 14), date_precision=6)
    ElectionFactory(name="A vote", date_on=dt.date(2022, 6, 7), date_precision=6)
    ElectionFactory(name="C vote", date_on=None)
    assert sort_choices(client, "/elections/") == ["newest", "oldest", "name"]
    assert card_titles(client, "/elections/") == ["A vote", "B vote", "C vote"]
    assert card_titles(client, "/elections/?sort=oldest") == ["B vote", "A vote", "C vote"]
    assert card_titles(client, "/elections/?sort=name") == ["A vote", "B vote", "C vote"]


def test_articles_sort_by_date_citations_or_headline(client):
    ArticleFactory(title="Old news", published_on=dt.date(2020, 1, 1), published_precision=6)
    ArticleFactory(title="New news", published_on=dt.date(2023, 1, 1), published_precision=6)
    cited = ArticleFactory(
        title="Cited news", published_on=dt.date(2021, 1, 1), published_precision=6
    )
    CitationFactory.create_batch(2, article=cited, quote="Volunteers are collecting signatures.")
    assert sort_choices(client, "/articles/") == ["newest", "oldest", "cited", "title"]
    assert card_titles(client, "/articles/") == ["New news", "Cited news", "Old news"]
    assert card_titles(client, "/articles/?sort=oldest") == ["Old news", "Cited news", "New news"]
    assert card_titles(client, "/articles/?sort=cited")[0] == "Cited news"
    assert card_titles(client, "/articles/?sort=title") == ["Cited news", "New news", "Old news"]


def test_efforts_sort_by_last_update(client):
    first, second = RecallEffortFactory.create_batch(2)
    first.summary = "Edited later."
    first.save()
    assert "updated" in sort_choices(client, "/recalls/")
    assert card_titles(client, "/recalls/?sort=updated") == [first.title, second.title]


def pagination(client, url):
    doc = lxml.html.fromstring(client.get(url).content)
    (nav,) = doc.xpath("//nav[@aria-label='Pages']")
    return [
        (a.text_content().strip(), a.get("href"), a.get("aria-label"), a.get("aria-current"))
        for a in nav.xpath(".//a")
    ], [li.text_content() for li in nav.xpath(".//li[@class='gap']")]


def test_pagination_is_numbered_with_the_first_and_last_pages(client):
    RecallEffortFactory.create_batch(141, office=OfficeFactory())  # 8 pages of 20
    links, gaps = pagination(client, "/recalls/?sort=name")
    assert links == [
        ("1", "?sort=name", None, "page"),
        ("2", "?sort=name&page=2", None, None),
        ("3", "?sort=name&page=3", None, None),
        ("8", "?sort=name&page=8", "8, last page", None),
        ("Next →", "?sort=name&page=2", None, None),
    ]
    assert gaps == ["…"]
    links, _ = pagination(client, "/recalls/?sort=name&page=8")
    assert links[:2] == [
        ("← Previous", "?sort=name&page=7", None, None),
        ("1", "?sort=name", "1, first page", None),
    ]
    assert [label for label, *_ in links[2:]] == ["6", "7", "8"]
    assert card_titles(client, "/recalls/?sort=name&page=8")  # the last page has its one effort


def test_an_officials_offices_are_listed_newest_first(client):
    official = OfficialFactory()
    TenureFactory(official=official, office=OfficeFactory(title="Chief of Police"))
    TenureFactory(
        official=official,
        office=OfficeFactory(title="District Attorney, first"),
        started_on=dt.date(2011, 1, 1),
        started_precision=6,
        ended_on=dt.date(2019, 1, 8),
        ended_precision=6,
    )
    TenureFactory(
        official=official, office=OfficeFactory(title="District Attorney, now"), is_current=True
    )
    TenureFactory(
        official=official,
        office=OfficeFactory(title="Police officer"),
        started_on=dt.date(1977, 1, 1),
        started_precision=6,
        ended_on=dt.date(1990, 1, 1),
        ended_precision=6,
    )
    doc = lxml.html.fromstring(client.get(official.get_absolute_url()).content)
    offices = [
        s.text_content()
        for s in doc.xpath("//section[@aria-labelledby='offices-heading']//li/strong")
    ]
    assert offices == [
        "District Attorney, now",
        "District Attorney, first",
        "Police officer",
        "Chief of Police",
    ]
