"""Article files of the shapes newsrooms and CMSs write, through the real command (issue
#15 item 1): plain text with headline, header lines and dateline; JSON with the common key
names; HTML metadata and captions; a feed item's own outlet and day."""

import json

from django.core.management import call_command

from articles.models import Article
from core.dates import PartialDate, Precision


def run(tmp_path, capsys):
    call_command("import_articles", str(tmp_path))
    return capsys.readouterr().out.strip().splitlines()


def test_plain_text_headline_header_lines_and_dateline(tmp_path, db, capsys):
    (tmp_path / "wire.txt").write_text(
        "Backers of Boudin recall turn in signatures\n\n"
        "By JANIE HAR\nAssociated Press\nOct. 22, 2021, 1:12 AM PDT\n\n"
        "SAN FRANCISCO (AP) — Supporters of a campaign to oust District Attorney Chesa Boudin "
        "submitted more than 83,000 signatures on Thursday.\n\nMore text follows here.\n",
        encoding="utf-8",
    )
    (tmp_path / "pipe.txt").write_text(
        "Pa. House votes to impeach Philadelphia DA Larry Krasner\n\n"
        "Sept. 2022\nGillian McGoldrick and Chris Brennan | The Philadelphia Inquirer\n\n"
        "HARRISBURG — The House voted on Wednesday to impeach the district attorney, "
        "accusing him of misbehavior in office.\n",
        encoding="utf-8",
    )
    (tmp_path / "undated.txt").write_text(
        "Recall effort targets Carson city treasurer\n\n"
        "A group of residents has begun collecting signatures to recall the treasurer, "
        "who was served a notice on March 3, 2022.\n",
        encoding="utf-8",
    )
    lines = run(tmp_path, capsys)
    assert lines[-1] == "imported 3, duplicates 0, failed 0", lines
    wire = Article.objects.get(title="Backers of Boudin recall turn in signatures")
    assert wire.outlet.name == "Associated Press" and wire.author == "JANIE HAR"
    assert wire.published == PartialDate.parse("2021-10-22")
    assert wire.body.startswith("SAN FRANCISCO (AP) — Supporters")
    pipe = Article.objects.get(title__startswith="Pa. House votes")
    assert pipe.outlet.name == "The Philadelphia Inquirer"
    assert pipe.published.precision == Precision.MONTH  # a month-only date line stays a month
    assert Article.objects.get(title__startswith="Recall effort").published is None


def test_json_common_key_names_and_envelopes(tmp_path, db, capsys):
    (tmp_path / "ld.json").write_text(
        json.dumps(
            {
                "headline": "Alameda County DA ousted in recall",
                "articleBody": "Voters in Alameda County removed the district attorney from office.",
                "datePublished": "2024-11-09",
                "author": {"name": "Bay City News"},
                "publisher": {"@type": "Organization", "name": "Bay City News"},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "envelope.json").write_text(
        json.dumps(
            {
                "data": {
                    "article": {
                        "title": "House committee holds DA in contempt",
                        "text": "A House committee voted on Tuesday to hold him in contempt.",
                        "publishedAt": "2022-10-25T20:14:00Z",
                        "publisher": {"name": "WHYY"},
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "arc.json").write_text(
        json.dumps(
            {
                "headlines": {"basic": "Second recall bid falls short"},
                "display_date": "2022-08-15T20:40:00.000Z",
                "source": {"name": "Los Angeles Times"},
                "content_elements": [
                    {"type": "text", "content": "The petition failed to qualify, officials said."},
                    {"type": "image", "caption": "Organizers on Aug. 15, 2022."},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert run(tmp_path, capsys)[-1] == "imported 3, duplicates 0, failed 0"
    ld = Article.objects.get(title="Alameda County DA ousted in recall")
    assert (ld.outlet.name, ld.author) == ("Bay City News", "Bay City News")
    assert Article.objects.get(outlet__name="WHYY").published == PartialDate.parse("2022-10-25")
    arc = Article.objects.get(title="Second recall bid falls short")
    assert "Organizers on Aug. 15, 2022." in arc.body  # the caption is text


def test_html_metadata_captions_and_an_undated_page(tmp_path, db, capsys):
    page = (
        "<!DOCTYPE html><html><head><title>Petition cleared | Site</title>"
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Petition cleared",'
        '"datePublished":"2021-04-29","publisher":{"@type":"Organization","name":"KQED"}}</script>'
        "</head><body><article><h1>Petition cleared</h1>"
        "<p>The Department of Elections on Wednesday approved the petition to recall the "
        "district attorney for circulation, officials said in a statement.</p>"
        "<figure><img src='x.jpg'><figcaption>The district attorney on April 12, 2021."
        "</figcaption></figure></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "about.html").write_text(
        '<!DOCTYPE html><html><head><meta property="og:site_name" content="Campaign">'
        "<title>About</title></head><body><h1>About</h1><p>Volunteers began gathering "
        "signatures in May 2021, and on June 7, 2022, voters recalled the district "
        "attorney by a wide margin.</p></body></html>",
        encoding="utf-8",
    )
    assert run(tmp_path, capsys)[-1] == "imported 2, duplicates 0, failed 0"
    article = Article.objects.get(title="Petition cleared")
    assert article.outlet.name == "KQED"
    assert article.published == PartialDate.parse("2021-04-29")
    assert "The district attorney on April 12, 2021." in article.body
    # A date in a sentence of the story is not the page's date.
    assert Article.objects.get(title="About").published is None


def test_feed_item_outlet_and_day_in_its_own_offset(tmp_path, db, capsys):
    (tmp_path / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Greater LA - Stories</title>'
        "<link>https://www.kcrw.com/culture/shows/greater-la</link>"
        "<item><title>Why the recall needed signatures</title>"
        "<link>https://www.kcrw.com/news/gascon-recall</link>"
        "<pubDate>Fri, 08 Jul 2022 17:00:00 -0700</pubDate>"
        "<description>The campaign needed 566,857 valid signatures to qualify.</description>"
        "</item><item><title>Boudin recalled</title>"
        "<link>https://roundup.example/boudin</link>"
        "<pubDate>Wed, 08 Jun 2022 13:10:00 GMT</pubDate>"
        '<source url="https://www.kqed.org/news/feed">KQED</source>'
        "<description>San Francisco voters recalled the district attorney.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    assert run(tmp_path, capsys)[-1] == "imported 2, duplicates 0, failed 0"
    kcrw = Article.objects.get(title="Why the recall needed signatures")
    assert kcrw.outlet.name == "KCRW"  # not the show's feed title
    assert kcrw.published == PartialDate.parse("2022-07-08")  # the 9th in UTC
    assert Article.objects.get(title="Boudin recalled").outlet.name == "KQED"


def test_json_report_says_what_was_read_and_proposed(tmp_path, db, capsys):
    from tests.factories import OfficialFactory, RecallEffortFactory

    boudin = OfficialFactory(name="Chesa Boudin", sort_name="Boudin, Chesa")
    RecallEffortFactory(title="Recall of Chesa Boudin", targets=[boudin])
    (tmp_path / "month.txt").write_text(
        "Boudin recall heads to the ballot\n\nBay Weekly\nNovember 2021\n\n"
        "The recall of District Attorney Chesa Boudin qualified for the ballot on Tuesday, "
        "the Department of Elections said.\n",
        encoding="utf-8",
    )
    call_command("import_articles", "--json", str(tmp_path))
    report = json.loads(capsys.readouterr().out)
    (article,) = report["files"][0]["articles"]
    assert article["title"] == "Boudin recall heads to the ballot"
    assert (article["outlet"], article["published"], article["url"]) == (
        "Bay Weekly",
        "2021-11",
        None,
    )
    assert article["officials"] == ["Chesa Boudin"]
    assert article["efforts"] == ["Recall of Chesa Boudin"]
    # "on Tuesday" in an article dated to a month is that month, and approximate.
    assert article["facts"] == [
        {
            "effort": "Recall of Chesa Boudin",
            "status": "qualified",
            "date": "2021-11~",
            "approximate": True,
            "quote": "The recall of District Attorney Chesa Boudin qualified for the ballot on "
            "Tuesday, the Department of Elections said.",
        }
    ]
    assert article["numbers"] == []
