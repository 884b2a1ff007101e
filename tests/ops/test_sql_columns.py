"""The columns a query reads, from the SQL Django sends (ops/sql_columns.py): anything it
cannot account for counts as every column of the tables the query names."""

import pytest
from django.db import connection
from django.db.models import Count

from articles.models import Citation
from ops.sql_columns import ALL, columns_read, merge
from recalls.models import Official, RecallEffort

pytestmark = pytest.mark.django_db


def sent(queryset) -> list[str]:
    """The SQL ``queryset`` (or a function) sends, as the execute wrapper sees it."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        queryset() if callable(queryset) else list(queryset)
    return seen


def test_the_columns_a_list_sorts_and_shows():
    (sql,) = sent(RecallEffort.objects.order_by("-started_on", "title").values_list("pk"))
    assert columns_read(sql) == {"recalls_recalleffort": frozenset({"id", "started_on", "title"})}


def test_a_count_reads_no_column_but_the_rows():
    (sql,) = sent(RecallEffort.objects.count)
    assert columns_read(sql) == {"recalls_recalleffort": frozenset()}


def test_columns_through_a_join_and_a_subquery_alias():
    queryset = Official.objects.filter(efforts_against__office__jurisdiction__state="CA").values(
        "name"
    )
    (sql,) = sent(queryset)
    read = columns_read(sql)
    assert read["recalls_official"] >= {"id", "name"}
    assert read["recalls_recalleffort"] >= {"id", "office_id"}
    assert read["recalls_jurisdiction"] >= {"id", "state"}
    # A subquery names its table by an alias (U0); its columns are still found.
    counted = Citation.objects.values("article_id").annotate(n=Count("id")).order_by()
    outer = RecallEffort.objects.filter(pk__in=counted.values("article_id")).values("pk")
    (sql,) = sent(outer)
    assert columns_read(sql)["articles_citation"] >= {"article_id"}


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT X."title" FROM "recalls_recalleffort"',  # a qualifier it does not know
        'SELECT "title" FROM "recalls_recalleffort"',  # an unqualified name
        'SELECT "recalls_recalleffort".* FROM "recalls_recalleffort"',
        # A column the model does not declare: PostgreSQL's stored search vector.
        'SELECT "recalls_recalleffort"."search_vector" FROM "recalls_recalleffort"',
    ],
)
def test_what_it_cannot_account_for_counts_as_every_column(sql):
    assert columns_read(sql) == {"recalls_recalleffort": ALL}


def test_other_tables_and_defined_names_are_not_content():
    sql = (
        'SELECT "recalls_official"."name" AS "who", U1."recalleffort_id" FROM "recalls_official"'
        ' INNER JOIN "recalls_recalleffort_targets" U1 ON (U1."official_id" = '
        '"recalls_official"."id") ORDER BY "who"'
    )
    assert columns_read(sql) == {"recalls_official": frozenset({"name", "id"})}


def test_merge_keeps_every_column_once_any_part_read_them_all():
    into: dict = {}
    merge(into, {"a": frozenset({"x"})})
    merge(into, {"a": frozenset({"y"}), "b": frozenset()})
    assert into == {"a": {"x", "y"}, "b": set()}
    merge(into, {"a": ALL})
    merge(into, {"a": frozenset({"z"})})
    assert into["a"] is ALL
