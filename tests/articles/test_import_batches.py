"""Imports in batches: one transaction and a few queries per batch whatever its size, and a
file the database refuses fails alone, keeping nothing, while its batch is stored."""

import json

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article, Mention
from articles.services import import_paths, unique_slugs
from editorial.context import system_user
from tests.factories import ArticleFactory, OfficialFactory

pytestmark = pytest.mark.django_db


def write_articles(folder, count, *, first=0, title="Story {n}"):
    folder.mkdir(exist_ok=True)
    for n in range(first, first + count):
        article = {
            "title": title.format(n=n),
            "published": "2022-07-06",
            "body": f"Story {n}: George Gascón faces a recall; organizers counted signatures.",
        }
        (folder / f"{n:03d}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


@pytest.fixture
def gascon(db):
    system_user()  # made by the first import otherwise, which would cost it more queries
    return OfficialFactory(name="George Gascón", sort_name="Gascón, George")


def test_a_batch_costs_the_same_queries_for_two_files_or_twenty(tmp_path, gascon):
    small, big = (
        write_articles(tmp_path / "small", 2),
        write_articles(tmp_path / "big", 20, first=2),
    )
    with CaptureQueriesContext(connection) as two:
        assert import_paths(paths=[str(small)]).imported == 2
    with CaptureQueriesContext(connection) as twenty:
        assert import_paths(paths=[str(big)]).imported == 20
    assert len(twenty) == len(two) <= 15
    assert Mention.objects.filter(official=gascon).count() == 22


def test_a_batch_is_larger_on_postgresql_where_it_locks_no_editor_out(
    tmp_path, gascon, monkeypatch
):
    monkeypatch.setattr(services, "BATCH_FILES", 2)
    monkeypatch.setattr(services, "BATCH_FILES_SERVER", 3)
    folder = write_articles(tmp_path, 6)
    with CaptureQueriesContext(connection) as queries:
        assert import_paths(paths=[str(folder)]).imported == 6
    transactions = [q for q in queries if q["sql"].startswith("SAVEPOINT")]
    assert len(transactions) == (3 if connection.vendor == "sqlite" else 2)


def test_batches_find_duplicates_across_batches_and_a_reimport_changes_nothing(tmp_path, gascon):
    folder = write_articles(tmp_path, 4)
    (folder / "004.json").write_bytes((folder / "000.json").read_bytes())  # a later batch
    report = import_paths(paths=[str(folder)], batch_files=2)
    assert (report.imported, report.duplicates, report.failed) == (4, 1, 0)
    history = apps.get_model("editorial", "HistoricalArticle").objects
    assert history.count() == 4
    assert {r.history_user.username for r in history.all()} == {"system"}
    report = import_paths(paths=[str(folder)], batch_files=3)
    assert (report.imported, report.duplicates, report.failed) == (0, 5, 0)
    assert (Article.objects.count(), history.count(), Mention.objects.count()) == (4, 4, 4)


def refuse_titled(monkeypatch, prefix: str) -> None:
    """Make the database refuse the articles whose title starts with ``prefix`` (a
    mention of neither an official nor an effort breaks a constraint)."""
    links_find = services.links_find

    def refused_by_a_constraint(*, article, matcher, **scanned):
        mentions, facts = links_find(article=article, matcher=matcher, **scanned)
        if article.title.startswith(prefix):
            mentions.append(Mention(article=article, matched_text="neither official nor effort"))
        return mentions, facts

    monkeypatch.setattr(services, "links_find", refused_by_a_constraint)


def test_a_file_the_database_refuses_fails_alone_and_its_batch_is_stored(
    tmp_path, gascon, monkeypatch
):
    folder = write_articles(tmp_path, 5)
    write_articles(folder, 1, first=2, title="Refused {n}")
    refuse_titled(monkeypatch, "Refused")
    report = import_paths(paths=[str(folder)])
    lines = [f.line() for f in report.files]
    assert lines[2].startswith(f"{folder / '002.json'}: FAILED: not stored: ")
    assert len(lines[2].splitlines()) == 1
    assert (report.imported, report.failed) == (4, 1)
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Story 0",
        "Story 1",
        "Story 3",
        "Story 4",
    ]
    history = apps.get_model("editorial", "HistoricalArticle").objects
    assert not history.filter(title__startswith="Refused").exists()
    assert Mention.objects.count() == 4


def test_one_title_many_times_gets_distinct_slugs_in_few_queries(
    tmp_path, gascon, django_assert_num_queries
):
    ArticleFactory(title="Recall news", slug="recall-news")
    wanted = [("Recall news", key * 64) for key in "abcd"]
    with django_assert_num_queries(2):  # the titles' slug, then with a suffix
        slugs = unique_slugs(Article, wanted)
    assert slugs == [f"recall-news-{key * 6}" for key in "abcd"]
    # Keys that begin alike still end in distinct slugs.
    assert len(set(unique_slugs(Article, [("Recall news", "f" * 64)] * 3))) == 3
    report = import_paths(paths=[str(write_articles(tmp_path, 3, title="Recall news"))])
    assert report.imported == 3
    slugs = [a.slug for f in report.files for a in f.articles]
    assert len(set(slugs)) == 3 and "recall-news" not in slugs
    assert all(slug.startswith("recall-news-") for slug in slugs)


def test_without_keep_all_the_report_holds_the_totals_and_only_the_failures(tmp_path, gascon):
    folder = write_articles(tmp_path, 3)
    (folder / "bad.json").write_text("[3]", encoding="utf-8")
    report = import_paths(paths=[str(folder)], keep_all=False)
    assert (report.count, report.imported, report.duplicates, report.failed) == (4, 3, 0, 1)
    assert [f.name for f in report.files] == [str(folder / "bad.json")]
    assert report.summary() == "imported 3, duplicates 0, failed 1"
