"""Markup a validator or a screen reader would trip on, on every public page type."""

import re
from collections import Counter

import lxml.html
import pytest

from tests.admin_pages import admin_url, submit
from tests.factories import ArticleFactory, CitationFactory, OutletFactory, RecallEffortFactory
from tests.public_pages import public_pages

QUOTE = "Volunteers are collecting signatures."

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string": at most three digits after the seconds.
HTML_DATETIME = re.compile(
    r"^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)?)?$"
)


def test_every_page_type_has_valid_dates_unique_ids_and_named_landmarks(client, seeded):
    stamps = []
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), name
        doc = lxml.html.fromstring(response.content)
        stamps += [t.get("datetime") for t in doc.iter("time")]
        ids = Counter(el.get("id") for el in doc.iter() if el.get("id"))
        assert [i for i, n in ids.items() if n > 1] == [], f"{name}: duplicate ids"
        for xpath in ["//*[@role='search']", "//nav"]:
            names = [el.get("aria-label") or el.get("aria-labelledby") for el in doc.xpath(xpath)]
            if len(names) > 1:
                assert None not in names and len(set(names)) == len(names), (name, names)
    assert stamps, "the effort page shows when it was last updated"
    assert [s for s in stamps if not HTML_DATETIME.match(s)] == []


@pytest.mark.parametrize("url", ["/recalls/", "/officials/", "/elections/", "/articles/"])
def test_list_filters_fold_behind_one_control_that_names_the_active_filters(client, url):
    def fold(**query):
        doc = lxml.html.fromstring(client.get(url, query).content)
        (details,) = doc.xpath("//details[contains(@class, 'filters-fold')]")
        assert details.xpath(".//form//button[@type='submit']")
        return details, details.find("summary").text_content()

    details, summary = fold()
    assert details.get("open") is None and summary == "Filter and sort"
    details, summary = fold(q="boudin")
    assert details.get("open") is None and summary == "Filter and sort: “boudin”"
    if url != "/officials/":  # the others have a year, which can be unreadable
        details, summary = fold(year="not a year")
        assert details.get("open") is not None, "a filter the page could not read stays in view"


def test_a_much_cited_article_folds_its_facts_after_the_first_ten(client):
    article = ArticleFactory(body=QUOTE * 2)
    for _ in range(13):
        CitationFactory(article=article, subject=RecallEffortFactory(), quote=QUOTE)
    doc = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    assert doc.get_element_by_id("facts-heading").text_content() == "Facts that cite it (13)"
    shown, folded = doc.xpath("//ol[contains(@class, 'facts-cited')]")
    assert len(shown.xpath("./li")) == 10 and shown.getparent().tag == "aside"
    assert folded.getparent().tag == "details" and folded.get("start") == "11"
    assert folded.getparent().findtext("summary") == "3 more facts"
    assert len(folded.xpath("./li")) == 3


def test_a_cited_page_ends_with_numbered_notes_carrying_their_addresses(client):
    effort = RecallEffortFactory()
    article = ArticleFactory(url="https://news.example.org/recall", body=f"{QUOTE} Other words.")
    first = CitationFactory(subject=effort, article=article, quote=QUOTE)
    second = CitationFactory(subject=effort, article=article, quote="Other words.")
    doc = lxml.html.fromstring(client.get(effort.get_absolute_url()).content)
    markers = [s.text_content() for s in doc.xpath("//details[@class='cite']/summary")]
    assert markers == ["Source [1]", "Source [2]"]
    notes = doc.xpath("//section[@class='print-notes']/ol/li")
    assert [li.get("value") for li in notes] == ["1", "2"]
    for note, citation in zip(notes, [first, second], strict=True):
        urls = [u.text_content() for u in note.xpath(".//span[@class='note-url']")]
        assert urls == [
            "https://news.example.org/recall",
            f"http://testserver{article.get_absolute_url()}#quote-{citation.pk}",
        ]


def test_citations_escape_what_the_sources_say_and_show_an_article_edit_at_once(admin_client):
    """The [n] sources and the printed notes are built in Python (recalls/templatetags/
    citations.py): what an article or citation says is text, never markup, and an editor's
    change to the article reads on the page at once."""
    quote = 'Signatures <b>"due"</b> & counted.'
    effort = RecallEffortFactory()
    outlet = OutletFactory(name="Tom & Jerry's <Gazette>")
    article = ArticleFactory(
        title="Recall <i>watch</i>", outlet=outlet, url="https://x.example/?a=1&b=2", body=quote
    )
    CitationFactory(subject=effort, article=article, quote=quote, note="Per <the> clerk & co")
    html = admin_client.get(effort.get_absolute_url()).content.decode()
    for raw in ("<b>", "<i>watch", "<Gazette>", "<the>", "a=1&b"):
        assert raw not in html
    doc = lxml.html.fromstring(html)
    (cite,) = doc.xpath("//details[@class='cite']")
    assert cite.findtext(".//q") == quote
    assert cite.xpath(".//span[@class='cite-note']")[0].text_content() == "Per <the> clerk & co"
    source = cite.xpath(".//span[@class='cite-source']")[0].text_content()
    assert source == "— Recall <i>watch</i>, Tom & Jerry's <Gazette>, date unknown"
    (note,) = doc.xpath("//section[@class='print-notes']/ol/li")
    assert note.text_content().startswith(
        f"“{quote}” — Recall <i>watch</i>, Tom & Jerry's <Gazette>, date unknown."
    )
    assert note.xpath(".//span[@class='note-url']")[0].text == "https://x.example/?a=1&b=2"

    form = admin_client.get(admin_url(article, "change", article.pk))
    assert submit(admin_client, form, {"title": "Recall <i>watch</i>, updated"}).status_code == 302
    doc = lxml.html.fromstring(admin_client.get(effort.get_absolute_url()).content)
    for where in ("//details[@class='cite']//a", "//section[@class='print-notes']/ol/li"):
        assert "Recall <i>watch</i>, updated" in doc.xpath(where)[0].text_content()


def test_status_lines_escape_the_outlet_and_show_its_edit_at_once(admin_client, boudin):
    """The status line's "per <outlet>" (recalls/templatetags/efforts.py) on the effort
    page, a list card and the official's page: text, not markup, and current after an edit."""
    outlet = boudin.source.article.outlet
    pages = [boudin.get_absolute_url(), "/recalls/", boudin.targets.get().get_absolute_url()]
    form = admin_client.get(admin_url(outlet, "change", outlet.pk))
    assert submit(admin_client, form, {"name": "Bay <News> & Co"}).status_code == 302
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert "<News>" not in html, url
        doc = lxml.html.fromstring(html)
        lines = [s.text_content() for s in doc.xpath("//span[@class='as-of']")]
        assert "as of June 2022, per Bay <News> & Co" in lines, (url, lines)
