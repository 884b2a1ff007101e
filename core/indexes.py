"""Indexes for the lists' sort orders."""

from django.db import models
from django.db.models.expressions import OrderBy


class SortIndex(models.Index):
    """An index on a sort order that may say ``NULLS LAST`` (as the partial-date orders do).

    PostgreSQL builds it as written, so the planner can read the order from the index.
    SQLite accepts ``NULLS LAST`` in ``ORDER BY`` but not in ``CREATE INDEX``; there the
    index is built without it (SQLite puts NULLs last in descending order anyway).
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = [
            OrderBy(part.expression, descending=part.descending)
            if isinstance(part, OrderBy)
            else part
            for part in self.expressions
        ]
        index = models.Index(*plain, name=self.name, condition=self.condition)
        return index.create_sql(model, schema_editor, using=using, **kwargs)
