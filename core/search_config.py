"""The PostgreSQL full-text search configuration shared by the migrations and the queries.

Each searched table gets a stored ``search_vector`` column on PostgreSQL (ops migration
0002), generated from the row's own text and indexed with GIN. The models do not declare
it — SQLite has no ``tsvector`` and searches by accent-folded matching instead — so the
queries reach it through :func:`stored_vector`.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models.expressions import Col

# english stemming with accents folded first: "gascon" finds "Gascón".
CONFIG = "recalls_unaccent"
COLUMN = "search_vector"


def _weighted(column: str, weight: str) -> str:
    return f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({column}, '')), '{weight}')"


# The generated columns: a hit in a headline or a name ranks above one in the text.
VECTORS = {
    "articles_article": " || ".join(
        [_weighted('"title"', "A"), _weighted('"dek"', "B"), _weighted('"body"', "C")]
    ),
    "recalls_recalleffort": " || ".join([_weighted('"title"', "A"), _weighted('"summary"', "C")]),
    "recalls_official": " || ".join(
        [
            _weighted('"name" || \' \' || "sort_name"', "A"),
            _weighted('("aliases")::text', "B"),
        ]
    ),
    "recalls_election": _weighted('"name"', "A"),
    "recalls_jurisdiction": _weighted('"name"', "B"),
}


class _StoredVectorField(SearchVectorField):
    """Stands for the undeclared column so that a ``Col`` can point at it (and be relabelled
    when its query becomes a subquery)."""

    def __init__(self, model):
        super().__init__()
        self.model, self.column, self.name = model, COLUMN, COLUMN


def stored_vector(model, alias: str | None = None) -> Col:
    """The ``search_vector`` column of ``model``'s table (PostgreSQL only)."""
    field = _StoredVectorField(model)
    return Col(alias or model._meta.db_table, field, output_field=field)


# Migration 0001's expression index on articles (replaced by the column in 0002).
ARTICLE_INDEX = "article_search_gin"


def article_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("dek", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )
