"""The PostgreSQL full-text search configuration shared by the migration and the queries."""

from django.contrib.postgres.search import SearchVector

# english stemming with accents folded first: "gascon" finds "Gascón".
CONFIG = "recalls_unaccent"
ARTICLE_INDEX = "article_search_gin"


def article_vector():
    """Weighted: a hit in the headline ranks above one in the dek, above one in the body.

    The GIN index is built on exactly this expression, so PostgreSQL can use it.
    """
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("dek", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )
