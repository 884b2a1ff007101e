"""Bulk inserts through PostgreSQL's ``COPY``, for the importer's new rows.

Django 5.2's ``bulk_create`` on PostgreSQL sends each column as an array that psycopg
quotes value by value in Python: for an import, a fifth of the main process's CPU went to
quoting article bodies. ``COPY … FROM STDIN`` streams the same rows through psycopg's C
row formatter, and the primary keys come first from the table's own sequence (one
``nextval`` query for the batch), so the rows have them before they are written, as after
``bulk_create``. The values are prepared by the fields exactly as ``bulk_create`` prepares
them (``pre_save``, ``get_db_prep_save``: ``auto_now_add``, defaults, JSON), and a refused
row raises Django's ``IntegrityError`` / ``DataError``, so callers handle both the same way.

Other databases (SQLite) get ``bulk_create``, which there is a multi-row ``INSERT``.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, models

_TEXT = (str,)
_WHOLE = (int,)  # exactly int: True in an integer column is prepared (1), as Django does
# Fields that send a value of these exact types as it is: their pre_save reads the
# attribute and their get_db_prep_save returns the same value (to_python of a str is the
# str; int() of an int the int), and None stays None. Matched by exact class, as a
# subclass may prepare its values; any other value goes through the field's own steps.
# Half the cost of preparing an article's rows went to those calls for plain values.
_AS_IS: dict[type, tuple[type, ...]] = {
    models.CharField: _TEXT,
    models.TextField: _TEXT,
    models.SlugField: _TEXT,
    models.URLField: _TEXT,
    models.IntegerField: _WHOLE,
    models.PositiveIntegerField: _WHOLE,
    models.BigIntegerField: _WHOLE,
    models.PositiveBigIntegerField: _WHOLE,
    models.AutoField: _WHOLE,
    models.BigAutoField: _WHOLE,
    models.BooleanField: (bool,),
}


def _as_is(field) -> tuple[type, ...]:
    """The value types ``field`` sends unchanged (none: every value is prepared)."""
    if type(field) is models.ForeignKey:
        return _as_is(field.target_field)
    return _AS_IS.get(type(field), ())


def _row(obj, fields, connection) -> list:
    row = []
    for field, attname, plain in fields:
        value = getattr(obj, attname)
        if plain and (value is None or type(value) in plain):
            row.append(value)
        else:
            row.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
    return row


def rows_insert(model, objs: list, *, using: str = DEFAULT_DB_ALIAS) -> list:
    """Insert the unsaved instances ``objs`` of ``model``; they get their primary keys."""
    connection = connections[using]
    if not objs or connection.vendor != "postgresql":
        return model._default_manager.using(using).bulk_create(objs)
    opts = model._meta
    fields = opts.concrete_fields
    prepared = [(field, field.attname, _as_is(field)) for field in fields]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, connection.wrap_database_errors:
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, opts.pk.column, len(missing)],
            )
            for obj, (pk,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        # The driver's own cursor: COPY is not a statement Django's wrapper runs.
        with cursor.cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(_row(obj, prepared, connection))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs
