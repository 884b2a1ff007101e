"""rows_insert: the rows bulk_create would write (COPY on PostgreSQL), with their keys."""

import pytest
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy

from articles.models import Article, Mention
from articles.services import content_hash
from core.copy_insert import rows_insert
from tests.factories import ArticleFactory, OfficialFactory, OutletFactory

pytestmark = pytest.mark.django_db


def unsaved(n: int, outlet) -> Article:
    body = f"Body of article {n}: a tab\there, a backslash \\ there, a quote ' and a line\nbreak."
    return Article(
        title=f"Näive headline {n}",
        slug=f"headline-{n}",
        outlet=outlet,
        url=None if n % 2 else f"https://example.com/{n}",
        body=body,
        content_hash=content_hash(body),
    )


OWN = ["id", "slug", "url", "title", "body", "content_hash", "imported_at"]


def test_the_rows_and_their_keys_are_those_bulk_create_gives():
    outlet = OutletFactory()
    official = OfficialFactory()
    copied = rows_insert(Article, [unsaved(n, outlet) for n in (1, 2)])
    created = Article.objects.bulk_create([unsaved(n, outlet) for n in (3, 4)])
    assert all(article.pk and not article._state.adding for article in copied)
    for n, mine, theirs in zip((1, 2), copied, created, strict=True):
        row = Article.objects.get(pk=mine.pk)
        built = unsaved(n, outlet)
        # Every character as given (tabs, backslashes, quotes, line breaks, accents).
        assert [row.title, row.body, row.url, row.content_hash] == [
            built.title,
            built.body,
            built.url,
            built.content_hash,
        ]
        assert row.imported_at == mine.imported_at
        # The other fields: the defaults bulk_create writes.
        theirs_row = Article.objects.get(pk=theirs.pk)
        assert model_to_dict(row, exclude=OWN) == model_to_dict(theirs_row, exclude=OWN)
    mentions = rows_insert(
        Mention, [Mention(article=a, official=official, matched_text="X") for a in copied]
    )
    assert [m.pk for m in mentions] == sorted(
        Mention.objects.filter(article__in=copied).values_list("pk", flat=True)
    )
    assert Mention.objects.get(pk=mentions[0].pk).status == "suggested"
    # The table's own sequence gave the keys: a later insert gets a new one.
    later = ArticleFactory()
    assert later.pk > max(a.pk for a in [*copied, *created])


def test_a_refused_row_raises_djangos_error_and_writes_nothing():
    outlet = OutletFactory()
    first = unsaved(1, outlet)
    rows_insert(Article, [first])
    again = unsaved(3, outlet)
    again.slug = first.slug  # unique
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(Article, [unsaved(5, outlet), again])
    assert Article.objects.count() == 1


def test_values_of_other_types_are_prepared_by_their_fields():
    """Plain str, int and bool values go as they are; any other is prepared as bulk_create
    would: a key given as text, a number in a text column, a lazy translation."""
    outlet = OutletFactory()
    official = OfficialFactory()
    article = unsaved(1, outlet)
    article.title = gettext_lazy("Recall")
    article.author = 42
    article.title_derived = 1
    (stored,) = rows_insert(Article, [article])
    row = Article.objects.get(pk=stored.pk)
    assert (row.title, row.author, row.title_derived) == ("Recall", "42", True)
    (mention,) = rows_insert(
        Mention, [Mention(article=row, official_id=str(official.pk), matched_text="X")]
    )
    assert Mention.objects.get(pk=mention.pk).official == official
