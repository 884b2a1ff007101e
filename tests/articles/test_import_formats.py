"""Every format through the real command: HTML pages, feeds, JSON, seed text; bad batches."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.importers import ArticleImportError, parse_bytes
from articles.models import Article, Mention, ReviewStatus, SuggestedFact
from core.dates import PartialDate, Precision
from recalls.models import EffortStatus
from tests.factories import OfficialFactory, RecallEffortFactory

SOURCES = settings.BASE_DIR / "fixtures" / "sources"

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Recall against Gascón qualifies | Valley Ledger</title>
<meta property="og:site_name" content="Valley Ledger">
<meta name="author" content="Dana Reyes">
<meta property="article:published_time" content="2022-08-16T09:30:00-07:00">
<link rel="canonical" href="https://ledger.example/2022/08/recall-gascon">
<script>window.tracker = "EVIL-SCRIPT-TEXT";</script>
<style>.promo { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/subscribe">Subscribe for $1</a></nav>
<header><div class="logo">Valley Ledger</div></header>
<main><article>
<h1>Recall against Gascón qualifies</h1>
<p class="byline">By Dana Reyes</p>
<p onclick="steal()">Organizers of the effort to recall Los Angeles County District Attorney
George Gascón said the registrar found enough valid signatures last week, after months of
canvassing in every corner of the county.</p>
<p>Mr. Gascón said he would keep working. <img src="x" onerror="alert(1)">
Election officials said the recall election could be held by late October, according to
a memo circulated to the Board of Supervisors.</p>
<p>Writing &lt;script&gt;alert("escaped")&lt;/script&gt; in a comment form did nothing, the
county's technology office said in a statement about the petition portal.</p>
</article></main>
<aside class="most-read">Most read: NAVIGATION-ASIDE-TEXT about cats</aside>
<footer>FOOTER-TEXT © 2022 Valley Ledger. Privacy policy.</footer>
</body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Bay Recall Watch</title><link>https://bay.example/</link>
<item>
  <title>Boudin recall heads to June ballot</title>
  <link>https://bay.example/boudin-ballot</link>
  <pubDate>Tue, 11 Jan 2022 08:00:00 GMT</pubDate>
  <author>desk@bay.example (Sam Lee)</author>
  <description><![CDATA[<p>San Francisco election officials said the recall of District
  Attorney Chesa Boudin qualified for the ballot in November 2021.</p>
  <p>The recall election is set for June 7, 2022.<script>alert(1)</script></p>]]></description>
</item>
<item>
  <title>Boudin recall heads to June ballot (updated)</title>
  <link>https://bay.example/boudin-ballot</link>
  <pubDate>Tue, 11 Jan 2022 09:00:00 GMT</pubDate>
  <description>Same story, updated headline.</description>
</item>
<item>
  <title>School board members face petition</title>
  <link>https://bay.example/school-board</link>
  <pubDate>Fri, 14 Jan 2022 08:00:00 GMT</pubDate>
  <description>Parents began gathering signatures to recall three members of the board.</description>
</item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Recall Wire</title><id>urn:x</id><updated>2022-07-01T00:00:00Z</updated>
  <entry>
    <title>Volunteers collect signatures</title><id>urn:1</id>
    <link href="https://wire.example/1"/>
    <updated>2022-07-01T00:00:00Z</updated>
    <content type="html">&lt;p&gt;Volunteers collected signatures on &lt;b&gt;Monday&lt;/b&gt; across the county.&lt;/p&gt;</content>
  </entry>
</feed>
"""

JSON_LIST = [
    {
        "title": "Gascón foes submit signatures",
        "url": "https://json.example/a",
        "published": "2022-07-06",
        "outlet": "Metro Wire",
        "author": "Pat Doe",
        "body": "Recall organizers submitted about 715,000 signatures on Wednesday to "
        "remove District Attorney George Gascón.\n\nThe registrar has 30 working days.",
    },
    {
        "title": "<b>Council</b> news",
        "published": "July 8, 2022",
        "outlet": "Metro Wire",
        "body": "<p>The council met and talked about parks and libraries.</p>",
    },
]


@pytest.fixture
def officials(db):
    gascon = OfficialFactory(
        name="George Gascón", sort_name="Gascón, George", aliases=["Gascon", "Mr. Gascón"]
    )
    boudin = OfficialFactory(name="Chesa Boudin", sort_name="Boudin, Chesa", aliases=["Mr. Boudin"])
    bell = OfficialFactory(name="Wesley Bell", sort_name="Bell, Wesley")
    effort_gascon = RecallEffortFactory(title="Recall of George Gascón (2022)", targets=[gascon])
    effort_gascon.started = "2021-12"
    effort_gascon.save()
    effort_boudin = RecallEffortFactory(title="Recall of Chesa Boudin", targets=[boudin])
    return {
        "gascon": gascon,
        "boudin": boudin,
        "bell": bell,
        "effort_gascon": effort_gascon,
        "effort_boudin": effort_boudin,
    }


def run(*args):
    """Run the command; return (exit code, stdout lines)."""
    out = io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out)
        code = 0
    except SystemExit as exit_info:
        code = exit_info.code
    return code, out.getvalue().strip().splitlines()


def mentioned(article):
    return {
        (m.official.name if m.official else m.effort.title)
        for m in article.mentions.select_related("official", "effort")
    }


def test_html_page_keeps_the_article_and_drops_boilerplate_and_markup(tmp_path, officials):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    code, lines = run(tmp_path)
    assert code == 0 and lines[-1] == "imported 1, duplicates 0, failed 0"
    article = Article.objects.get()
    assert article.title == "Recall against Gascón qualifies"
    assert article.author == "Dana Reyes"
    assert article.outlet.name == "Valley Ledger"
    assert article.url == "https://ledger.example/2022/08/recall-gascon"
    assert article.published == PartialDate(dt.date(2022, 8, 16), Precision.DAY)
    assert article.body.startswith("Organizers of the effort to recall")
    for boilerplate in (
        "EVIL-SCRIPT-TEXT",
        "NAVIGATION-ASIDE",
        "FOOTER-TEXT",
        "Subscribe",
        "By Dana",
    ):
        assert boilerplate not in article.body
    stored = " ".join(
        [article.title, article.dek, article.body, article.author, article.outlet.name]
    )
    for markup in ("<script", "<img", "onerror", "onclick", "<p", "alert(1)"):
        assert markup not in stored
    assert mentioned(article) == {"George Gascón", "Recall of George Gascón (2022)"}
    mention = article.mentions.get(official=officials["gascon"])
    assert mention.status == ReviewStatus.SUGGESTED
    assert mention.matched_text.startswith("George Gascón")


def test_html_page_suggests_dated_facts_relative_to_the_article_date(tmp_path, officials):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    run(tmp_path)
    facts = {f.quote: f for f in SuggestedFact.objects.all()}
    election = next(f for q, f in facts.items() if "recall election" in q)
    assert election.date == PartialDate(dt.date(2022, 10, 21), Precision.LATE_MONTH, True)
    assert election.proposed_status == EffortStatus.ELECTION_SCHEDULED
    assert election.effort == officials["effort_gascon"]
    assert "late October" in election.date_note and "16 August 2022" in election.date_note
    for fact in facts.values():
        assert fact.quote in " ".join(fact.article.body.split())


def test_feed_gives_one_article_per_entry_and_the_repeated_entry_is_a_duplicate(
    tmp_path, officials
):
    (tmp_path / "feed.xml").write_text(RSS_FEED, encoding="utf-8")
    code, lines = run(tmp_path)
    assert code == 0
    assert lines[0].endswith("feed.xml: imported 2, duplicates 1")
    first, school = Article.objects.order_by("published_on")
    assert first.title == "Boudin recall heads to June ballot"
    assert first.outlet.name == "Bay Recall Watch"
    assert first.published == PartialDate(dt.date(2022, 1, 11))
    assert first.url == "https://bay.example/boudin-ballot"
    assert first.body.split("\n\n") == [
        "San Francisco election officials said the recall of District Attorney Chesa Boudin "
        "qualified for the ballot in November 2021.",
        "The recall election is set for June 7, 2022.",
    ]
    assert mentioned(first) == {"Chesa Boudin", "Recall of Chesa Boudin"}
    assert mentioned(school) == set()
    dates = sorted((f.date, f.proposed_status) for f in first.suggested_facts.all())
    assert dates == [
        (PartialDate(dt.date(2021, 11, 1), Precision.MONTH), EffortStatus.QUALIFIED),
        (PartialDate(dt.date(2022, 6, 7)), EffortStatus.ELECTION_SCHEDULED),
    ]


def test_atom_entry_html_is_reduced_to_text(tmp_path, db):
    (tmp_path / "atom.xml").write_text(ATOM_FEED, encoding="utf-8")
    assert run(tmp_path)[0] == 0
    article = Article.objects.get()
    assert article.body == "Volunteers collected signatures on Monday across the county."
    assert article.outlet.name == "Recall Wire"


def test_json_list_imports_each_article_with_its_fields(tmp_path, officials):
    (tmp_path / "export.json").write_text(json.dumps(JSON_LIST), encoding="utf-8")
    code, lines = run(tmp_path)
    assert code == 0 and lines[-1] == "imported 2, duplicates 0, failed 0"
    signatures = Article.objects.get(url="https://json.example/a")
    assert signatures.title == "Gascón foes submit signatures"
    assert signatures.outlet.name == "Metro Wire" and signatures.author == "Pat Doe"
    assert signatures.published == PartialDate(dt.date(2022, 7, 6))
    assert signatures.body.endswith("The registrar has 30 working days.")
    assert mentioned(signatures) == {"George Gascón", "Recall of George Gascón (2022)"}
    (fact,) = signatures.suggested_facts.all()
    assert fact.proposed_status == EffortStatus.SUBMITTED
    assert fact.date == PartialDate(dt.date(2022, 7, 6), Precision.DAY, approximate=True)
    council = Article.objects.get(url=None)
    assert council.title == "Council news"
    assert council.body == "The council met and talked about parks and libraries."
    assert council.published == PartialDate(dt.date(2022, 7, 8))


def test_seed_files_link_the_officials_they_name(officials):
    code, lines = run(SOURCES)
    assert code == 0 and lines[-1] == "imported 5, duplicates 0, failed 0"
    dated = Article.objects.get(outlet__name="NewsNation")
    assert mentioned(dated) >= {"George Gascón", "Chesa Boudin", "Recall of Chesa Boudin"}
    fact = dated.suggested_facts.get()
    assert (
        fact.quote == "San Francisco ousted District Attorney Chesa Boudin in a recall last month."
    )
    assert fact.date == PartialDate(dt.date(2022, 6, 1), Precision.MONTH, approximate=True)
    assert fact.proposed_status == EffortStatus.RECALLED
    assert fact.effort == officials["effort_boudin"]
    # "Mr. Bell" and "Wesley Bell" in the listing are the same person; he is linked once.
    assert Mention.objects.filter(official=officials["bell"]).count() == 1


def test_reimport_of_every_format_changes_nothing(tmp_path, officials):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "feed.xml").write_text(RSS_FEED, encoding="utf-8")
    (tmp_path / "export.json").write_text(json.dumps(JSON_LIST), encoding="utf-8")
    run(tmp_path, SOURCES)
    counts = (Article.objects.count(), Mention.objects.count(), SuggestedFact.objects.count())
    code, lines = run(tmp_path, SOURCES)
    assert code == 0
    assert lines[-1] == f"imported 0, duplicates {counts[0] + 1}, failed 0"
    assert counts == (
        Article.objects.count(),
        Mention.objects.count(),
        SuggestedFact.objects.count(),
    )


def test_latin1_file_with_an_accented_name_is_decoded_and_linked(tmp_path, officials):
    text = (SOURCES / "003_a1f8758ee281264a.txt").read_text(encoding="utf-8")
    text = (
        text.replace("Gascon", "GASCÓN")
        .replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
    )
    text = text.replace("—", "-").replace("…", "...")
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    assert run(tmp_path)[0] == 0
    article = Article.objects.get()
    assert "District Attorney George GASCÓN" in article.title
    assert "GASCÓN" in article.mentions.get(official=officials["gascon"]).matched_text


def test_a_bad_batch_imports_the_good_files_and_reports_each_bad_one(tmp_path, db, settings):
    settings.IMPORT_MAX_BYTES = 20_000
    (tmp_path / "01-good.json").write_text(json.dumps(JSON_LIST), encoding="utf-8")
    (tmp_path / "02-truncated.xml").write_text(RSS_FEED[:700], encoding="utf-8")
    (tmp_path / "03-shape.json").write_text('{"articles": 3, "title": 5}', encoding="utf-8")
    (tmp_path / "04-big.html").write_text(HTML_PAGE + " " * 20_000, encoding="utf-8")
    (tmp_path / "05-undecodable.txt").write_bytes(b" date 2022-01-01 text \x81\x8d\x90 more")
    (tmp_path / "06-empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "07-entity.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    )
    (tmp_path / "08-list-of-strings.json").write_text('["a", "b"]')
    code, lines = run(tmp_path)
    assert code == 1
    assert lines[0].endswith("01-good.json: imported 2, duplicates 0")
    expected = [
        "02-truncated.xml: FAILED: truncated XML",
        "03-shape.json: FAILED: wrong JSON shape",
        "04-big.html: FAILED: too large",
        "05-undecodable.txt: FAILED: undecodable text",
        "06-empty.html: FAILED: no usable text",
        "07-entity.xml: FAILED: unsafe XML refused",
        "08-list-of-strings.json: FAILED: wrong JSON shape: item 1 is str",
    ]
    for line, start in zip(lines[1:-1], expected, strict=True):
        assert start in line, line
    assert lines[-1] == "imported 2, duplicates 0, failed 7"
    assert Article.objects.count() == 2


def test_json_report_and_standard_input(db, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(JSON_LIST[0]).encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    out = io.StringIO()
    call_command("import_articles", "--json", "-", stdout=out)
    report = json.loads(out.getvalue())
    assert (report["imported"], report["duplicates"], report["failed"]) == (1, 0, 0)
    (file,) = report["files"]
    assert file["name"] == "<stdin>" and file["ok"]
    assert file["articles"][0]["title"] == "Gascón foes submit signatures"
    assert file["articles"][0]["created"] is True


def test_dry_run_of_new_formats_writes_nothing(tmp_path, officials):
    (tmp_path / "feed.xml").write_text(RSS_FEED, encoding="utf-8")
    code, lines = run("--dry-run", tmp_path)
    assert code == 0 and lines[-1] == "dry run: imported 2, duplicates 1, failed 0"
    assert not Article.objects.exists() and not Mention.objects.exists()


def test_format_is_detected_from_content_not_the_file_name():
    (article,) = parse_bytes(json.dumps(JSON_LIST[0]).encode(), "misnamed.html")
    assert article.url == "https://json.example/a"
    with pytest.raises(ArticleImportError, match="no usable text in 'Only a title'"):
        parse_bytes(b'{"title": "Only a title", "body": "<p> </p><p>ok</p>"}', "x.json")


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(tmp_path, db, monkeypatch, capsys):
    (tmp_path / "a.json").write_text(json.dumps(JSON_LIST), encoding="utf-8")
    run(tmp_path)
    assert "files" not in capsys.readouterr().err
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    (tmp_path / "a.json").write_text(json.dumps(JSON_LIST[:1]), encoding="utf-8")
    run(tmp_path)
    assert "] 1/1 files" in terminal.getvalue()


@pytest.mark.parametrize(
    ("site", "url", "name"),
    [
        ("eastbaytimes", "https://www.eastbaytimes.com/2024/11/12/price/", "East Bay Times"),
        ("fresnobee", "https://www.fresnobee.com/news/local/fire/", "Fresno Bee"),
        ("latimes", "https://www.latimes.com/california/story/x", "LA Times"),
        ("nj", "https://www.nj.com/ocean/2023/03/lacey.html", "NJ.com"),
        ("kcrw", "https://www.kcrw.com/news/x", "KCRW"),
        ("capradio", "https://www.capradio.org/articles/x", "Capradio"),
    ],
)
def test_a_feed_items_outlet_is_its_sites_name_in_words(site, url, name):
    from articles.importers.feeds import site_name

    assert site_name(site, url) == name
