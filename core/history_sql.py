"""History rows for rows just inserted in bulk, written by the database itself.

``simple_history``'s ``bulk_create_with_history`` builds a historical model instance per
row and sends every value back through Django: half of an import's storing time. The
rows are in the table already, so one ``INSERT … SELECT`` per batch copies them into the
history table with the same user, reason and type ("+", created) the signal would give.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone


def history_insert_created(
    *, model, rows: list, column: str, values: list, reason: str | None, chunk: int = 500
) -> None:
    """Created-history rows for the rows of ``model`` whose ``column`` is in ``values``
    (all just inserted); ``rows``: some of them, for the acting user."""
    if not values:
        return
    history = model.history.model
    user = history.get_default_history_user(rows[0]) if rows else None
    table, source = history._meta.db_table, model._meta.db_table
    quote = connection.ops.quote_name
    tracked = [field.column for field in history.tracked_fields]
    columns = [history._meta.get_field(field.name).column for field in history.tracked_fields]
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    fields = ", ".join(quote(c) for c in columns + extra)
    picked = ", ".join(quote(c) for c in tracked)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            cursor.execute(
                f"INSERT INTO {quote(table)} ({fields}) SELECT {picked}, %s, %s, %s, %s"
                f" FROM {quote(source)} WHERE {quote(column)} IN ({', '.join(['%s'] * len(part))})"
                f" ORDER BY {quote(model._meta.pk.column)}",
                [now, reason, "+", user_id, *part],
            )
