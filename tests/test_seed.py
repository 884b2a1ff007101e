"""The seed data: every fact cited with a quote really in its article; loading is idempotent."""

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Article, Citation
from articles.quotes import quote_is_in
from recalls.models import EffortStatus, RecallEffort, TimelineEvent
from recalls.services import effort_status_from_events

pytestmark = pytest.mark.django_db

CURATED = [
    "recalls.Jurisdiction",
    "recalls.Office",
    "recalls.Official",
    "recalls.Tenure",
    "recalls.RecallEffort",
    "recalls.Participant",
    "recalls.TimelineEvent",
    "recalls.Election",
    "recalls.Contest",
    "recalls.Candidacy",
]


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_every_citation_quote_occurs_in_its_article(seeded):
    citations = list(Citation.objects.select_related("article"))
    assert len(citations) > 50
    missing = [
        (c.article.title, c.quote)
        for c in citations
        if not quote_is_in(c.quote, c.article.full_text)
    ]
    assert missing == []


def test_every_curated_record_has_a_citation(seeded):
    uncited = []
    for label in CURATED:
        model = apps.get_model(label)
        cited = set(
            Citation.objects.filter(
                content_type__app_label="recalls", content_type__model=model._meta.model_name
            ).values_list("object_id", flat=True)
        )
        uncited += [f"{label} {obj}" for obj in model.objects.exclude(pk__in=cited)]
    assert uncited == []


def test_loading_twice_changes_no_row_count_and_no_value(seeded):
    before = row_counts()
    efforts_before = list(RecallEffort.objects.values())
    call_command("load_seed_data", verbosity=0)
    assert row_counts() == before
    assert list(RecallEffort.objects.values()) == efforts_before


def test_every_effort_status_agrees_with_its_timeline(seeded):
    for effort in RecallEffort.objects.all():
        assert effort_status_from_events(effort) == effort.status, effort.slug


def test_the_san_francisco_district_attorney_recall(seeded):
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    assert effort.status == EffortStatus.RECALLED
    assert effort.signatures_required == 53000
    assert effort.signatures_submitted == 80000
    assert effort.ended.display().startswith("June 2022")
    assert effort.office.jurisdiction.name == "San Francisco"


def test_both_los_angeles_district_attorney_efforts(seeded):
    efforts = RecallEffort.objects.filter(targets__slug="george-gascon").order_by("started_on")
    assert efforts.count() == 2
    assert efforts.last().status == EffortStatus.FULL_COUNT


def test_the_school_board_recall_counts_unnamed_targets(seeded):
    effort = RecallEffort.objects.get(office__category="school_board")
    assert effort.target_count == 3
    assert effort.targets.count() == 0
    assert effort.status == EffortStatus.RECALLED


def test_undated_articles_get_approximate_dates_with_a_note(seeded):
    for article in Article.objects.filter(published_approximate=True):
        assert article.note, article.title
    assert Article.objects.filter(published_on__isnull=False).count() == Article.objects.count()


def test_events_with_approximate_dates_say_how(seeded):
    assert not TimelineEvent.objects.filter(date_approximate=True, date_note="").exists()
