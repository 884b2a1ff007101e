"""generate_demo_data: a realistic, consistent, repeatable data set, and never on real data."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Citation, Mention, ReviewStatus
from recalls.models import Contest, EffortStatus, Election, Official, RecallEffort, TimelineEvent
from recalls.services import effort_status_from_events
from seeding.demo import DemoDataRefused, generate_demo_data
from tests.factories import RecallEffortFactory

SIZE = {"officials": 20, "efforts": 30, "articles": 50, "mentions": 150, "events": 120}


@pytest.fixture
def demo(db):
    return generate_demo_data(**SIZE, seed=7, batch_size=16)


def test_makes_the_requested_numbers(demo):
    assert Official.objects.count() == 20
    assert RecallEffort.objects.count() == 30
    assert Article.objects.count() == 50
    assert Mention.objects.count() == 150
    assert TimelineEvent.objects.count() == 120
    assert demo.counts["articles"] == 50
    assert "50 articles" in demo.line()


def test_data_is_varied_like_the_real_thing(demo):
    assert len(set(RecallEffort.objects.values_list("status", flat=True))) >= 5
    assert len(set(RecallEffort.objects.values_list("office__category", flat=True))) >= 3
    assert len(set(RecallEffort.objects.values_list("started_on__year", flat=True))) >= 5
    assert set(Mention.objects.values_list("status", flat=True)) >= {
        ReviewStatus.CONFIRMED,
        ReviewStatus.SUGGESTED,
    }
    bodies = list(Article.objects.values_list("body", flat=True))
    assert all(1000 <= len(body) <= 5000 and "\n\n" in body for body in bodies)
    assert Contest.objects.exists() and Election.objects.exists()
    assert RecallEffort.objects.filter(targets__isnull=False).distinct().count() == 30


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_data():
    def fingerprint():
        return (
            list(RecallEffort.objects.order_by("slug").values_list("slug", "title", "status")),
            list(Article.objects.order_by("slug").values_list("slug", "title", "content_hash")),
        )

    generate_demo_data(**SIZE, seed=3)
    first = fingerprint()
    call_command("flush", "--noinput", verbosity=0)
    generate_demo_data(**SIZE, seed=3)
    assert fingerprint() == first
    call_command("flush", "--noinput", verbosity=0)
    generate_demo_data(**SIZE, seed=4)
    assert fingerprint() != first


def test_every_citation_quote_occurs_in_its_article(demo):
    citations = list(Citation.objects.select_related("article"))
    assert citations
    for citation in citations:
        assert citation.quote in citation.article.full_text


def test_mentioned_officials_are_named_in_the_article(demo):
    for mention in Mention.objects.filter(official__isnull=False).select_related(
        "article", "official"
    ):
        assert mention.official.name in mention.article.body


def test_every_effort_status_agrees_with_its_timeline(demo):
    for effort in RecallEffort.objects.all():
        assert effort_status_from_events(effort) in (None, effort.status)
    with_events = RecallEffort.objects.filter(events__status__gt="").distinct()
    assert with_events.count() == 30
    for effort in RecallEffort.objects.filter(status__in=EffortStatus.ended()):
        assert effort.ended_on is not None


def test_refuses_a_database_with_real_data(db):
    RecallEffortFactory(slug="recall-of-someone-real")
    with pytest.raises(DemoDataRefused, match="not generated"):
        generate_demo_data(**SIZE)
    with pytest.raises(CommandError, match="refused"):
        call_command("generate_demo_data", "--officials", "2", "--efforts", "2", "--articles", "2")
    assert not Official.objects.filter(slug__startswith="demo-").exists()
    generate_demo_data(**SIZE, force=True)
    assert RecallEffort.objects.count() == 31


def test_refuses_to_run_twice(demo):
    with pytest.raises(DemoDataRefused, match="already holds generated data"):
        generate_demo_data(**SIZE)


def test_command_prints_progress_and_a_summary(db, capsys):
    call_command(
        "generate_demo_data", "--officials", "5", "--efforts", "6", "--articles", "7", "--seed", "2"
    )
    out = capsys.readouterr().out
    assert "7 of 7 articles" in out
    assert "generated" in out and "6 recall efforts" in out and "21 mentions" in out
